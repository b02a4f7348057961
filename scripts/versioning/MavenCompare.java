// Reads `a<TAB>b` lines on stdin and prints `a<TAB>b<TAB>-1|0|1` using Maven's real
// org.apache.maven.artifact.versioning.ComparableVersion (maven-artifact 3.x on the classpath).
// Used by gen_maven.py only.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.ComparableVersion;

public class MavenCompare {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      String[] p = line.split("\t", -1);
      int c = new ComparableVersion(p[0]).compareTo(new ComparableVersion(p[1]));
      out.append(p[0]).append('\t').append(p[1]).append('\t').append(Integer.signum(c)).append('\n');
    }
    System.out.print(out);
  }
}
