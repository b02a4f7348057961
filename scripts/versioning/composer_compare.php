<?php
// Reads `a<TAB>b` lines on stdin. For each pair whose two versions Composer's real
// VersionParser::normalize() accepts (and that are not `dev-` branches, which Composer never
// orders), prints `a<TAB>b<TAB>-1|0|1` decided by Composer\Semver\Comparator on the normalized
// forms; a version that normalize() rejects is printed as `!<TAB>version`.
// Needs Debian's php-cli and php-composer-semver. Used by gen_composer.py only.
require '/usr/share/php/Composer/Semver/autoload.php';

use Composer\Semver\Comparator;
use Composer\Semver\VersionParser;

$parser = new VersionParser();
$norm = function ($v) use ($parser) {
    try {
        $n = $parser->normalize($v);
    } catch (\UnexpectedValueException $e) {
        return null;
    }
    return strpos($n, 'dev-') === 0 ? null : $n;
};
while (($line = fgets(STDIN)) !== false) {
    [$a, $b] = explode("\t", rtrim($line, "\n"));
    $na = $norm($a);
    $nb = $norm($b);
    if ($na === null || $nb === null) {
        if ($na === null) echo "!\t$a\n";
        if ($nb === null) echo "!\t$b\n";
        continue;
    }
    $r = Comparator::lessThan($na, $nb) ? -1 : (Comparator::equalTo($na, $nb) ? 0 : 1);
    echo "$a\t$b\t$r\n";
}
