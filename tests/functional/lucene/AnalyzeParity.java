// Runs the Portail 211 analysis chains with real Lucene 8 classes, for the parity test
// (tests/functional/test_lucene_parity.py). Java 17 single-file launch:
//
//   java -cp lucene-core-8.7.0.jar:lucene-analyzers-common-8.7.0.jar AnalyzeParity.java MODE CONFIG_DIR
//
// MODE: fr | en | folded | tokenizer  -> reads phrases one per line (UTF-8) on stdin and prints, for
//                                         each phrase, one line: tokens separated by TAB, each token
//                                         "term start end positionIncrement" (space-separated).
//       foldtable                      -> prints "HEX<TAB>folded" for every BMP char ASCIIFoldingFilter changes.
// CONFIG_DIR holds the lists the Python side writes out of analyzers/definitions.py, one word a line:
// fr_stopwords.txt, en_stopwords.txt, fr_elision_articles.txt -- so both sides use one definition.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.apache.lucene.analysis.*;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.*;
import org.apache.lucene.analysis.util.ElisionFilter;

public class AnalyzeParity {
  static CharArraySet load(Path dir, String name, boolean ignoreCase) throws IOException {
    List<String> words = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) words.add(line);
    }
    return new CharArraySet(words, ignoreCase);
  }

  static Analyzer build(String mode, Path dir) throws IOException {
    switch (mode) {
      case "fr": {
        // OpenSearch: elision (articles_case: true) -> lowercase -> stop -> asciifolding -> stemmer "french"
        CharArraySet articles = load(dir, "fr_elision_articles.txt", true);
        CharArraySet stop = load(dir, "fr_stopwords.txt", false);
        return new Analyzer() {
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer src = new StandardTokenizer();
            TokenStream ts = new ElisionFilter(src, articles);
            ts = new LowerCaseFilter(ts);
            ts = new StopFilter(ts, stop);
            ts = new ASCIIFoldingFilter(ts, false);
            ts = new SnowballFilter(ts, new org.tartarus.snowball.ext.FrenchStemmer());
            return new TokenStreamComponents(src, ts);
          }
        };
      }
      case "en": {
        // OpenSearch: stemmer possessive_english -> lowercase -> stop -> asciifolding -> stemmer "porter2"
        CharArraySet stop = load(dir, "en_stopwords.txt", false);
        return new Analyzer() {
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer src = new StandardTokenizer();
            TokenStream ts = new EnglishPossessiveFilter(src);
            ts = new LowerCaseFilter(ts);
            ts = new StopFilter(ts, stop);
            ts = new ASCIIFoldingFilter(ts, false);
            ts = new SnowballFilter(ts, new org.tartarus.snowball.ext.EnglishStemmer());
            return new TokenStreamComponents(src, ts);
          }
        };
      }
      case "folded":
        return new Analyzer() {
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer src = new StandardTokenizer();
            TokenStream ts = new ASCIIFoldingFilter(new LowerCaseFilter(src), false);
            return new TokenStreamComponents(src, ts);
          }
        };
      case "tokenizer":
        return new Analyzer() {
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer src = new StandardTokenizer();
            return new TokenStreamComponents(src, src);
          }
        };
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  static void foldTable(PrintStream out) {
    char[] in = new char[1];
    char[] buf = new char[8];
    for (int c = 0; c < 0x10000; c++) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      in[0] = (char) c;
      int n = ASCIIFoldingFilter.foldToASCII(in, 0, buf, 0, 1);
      String folded = new String(buf, 0, n);
      if (!folded.equals(String.valueOf((char) c))) {
        out.print(Integer.toHexString(c));
        out.print('\t');
        out.print(folded);
        out.print('\n');
      }
    }
  }

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
    if (args[0].equals("foldtable")) {
      foldTable(out);
      out.flush();
      return;
    }
    Analyzer analyzer = build(args[0], Paths.get(args[1]));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      sb.setLength(0);
      try (TokenStream ts = analyzer.tokenStream("f", line)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        PositionIncrementAttribute posInc = ts.addAttribute(PositionIncrementAttribute.class);
        ts.reset();
        boolean first = true;
        while (ts.incrementToken()) {
          if (!first) sb.append('\t');
          first = false;
          sb.append(term).append(' ').append(offset.startOffset()).append(' ')
            .append(offset.endOffset()).append(' ').append(posInc.getPositionIncrement());
        }
        ts.end();
      }
      out.print(sb);
      out.print('\n');
    }
    out.flush();
  }
}
