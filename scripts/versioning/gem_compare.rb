# Reads `a<TAB>b` lines on stdin and prints `a<TAB>b<TAB>-1|0|1` using RubyGems' real
# Gem::Version#<=>. With --correct, reads one version per line and prints those
# Gem::Version.correct? accepts. Used by gen_rubygems.py only.
require 'rubygems'

if ARGV[0] == '--correct'
  STDIN.each_line { |l| v = l.chomp; puts v if Gem::Version.correct?(v) }
else
  STDIN.each_line do |l|
    a, b = l.chomp.split("\t", -1)
    puts [a, b, Gem::Version.new(a) <=> Gem::Version.new(b)].join("\t")
  end
end
