package dev.adjoint.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Turns a JMH JSON result of {@code EngineComparisonBenchmark} into a Markdown table of times and
 * ratios and a PNG bar chart (log scale).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.adjoint.bench.report.EngineReport
 * results.json out-dir}; writes {@code engines.md} and {@code engines.png} into {@code out-dir}.
 */
public final class EngineReport {
  static final List<String> ENGINES = List.of("generated", "tape", "libtorch");
  private static final Color[] COLORS = {
    new Color(0x1b9e77), new Color(0x7570b3), new Color(0xd95f02)
  };

  private EngineReport() {}

  /** Reads {@code args[0]} (JMH JSON) and writes the table and chart into {@code args[1]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: EngineReport <jmh-result.json> <output-directory>");
      System.exit(2);
    }
    Map<String, Map<String, Double>> times = read(Path.of(args[0]));
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    Files.writeString(out.resolve("engines.md"), markdown(times));
    ImageIO.write(chart(times), "png", out.resolve("engines.png").toFile());
    System.out.print(markdown(times));
  }

  /** workload → engine → microseconds per operation. */
  static Map<String, Map<String, Double>> read(Path json) throws IOException {
    Map<String, Map<String, Double>> times = new LinkedHashMap<>();
    for (JsonNode result : new ObjectMapper().readTree(json.toFile())) {
      String name = result.get("benchmark").asText();
      String method = name.substring(name.lastIndexOf('.') + 1);
      int split = method.lastIndexOf('_');
      if (split < 0) {
        continue;
      }
      JsonNode metric = result.get("primaryMetric");
      double score = metric.get("score").asDouble();
      String unit = metric.get("scoreUnit").asText();
      double micros =
          switch (unit) {
            case "ns/op" -> score / 1000;
            case "us/op" -> score;
            case "ms/op" -> score * 1000;
            case "s/op" -> score * 1e6;
            default -> throw new IOException("unexpected unit " + unit + " in " + name);
          };
      times
          .computeIfAbsent(method.substring(0, split), k -> new LinkedHashMap<>())
          .put(method.substring(split + 1), micros);
    }
    return times;
  }

  static String markdown(Map<String, Map<String, Double>> times) {
    StringBuilder md = new StringBuilder();
    md.append("| workload | generated | tape | libtorch | libtorch / generated |")
        .append(" tape / generated | libtorch / tape |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, Map<String, Double>> w : times.entrySet()) {
      Map<String, Double> t = w.getValue();
      md.append("| ").append(w.getKey());
      for (String engine : ENGINES) {
        md.append(" | ").append(t.containsKey(engine) ? time(t.get(engine)) : "—");
      }
      md.append(" | ").append(ratio(t.get("libtorch"), t.get("generated")));
      md.append(" | ").append(ratio(t.get("tape"), t.get("generated")));
      md.append(" | ").append(ratio(t.get("libtorch"), t.get("tape")));
      md.append(" |\n");
    }
    return md.toString();
  }

  private static String time(double micros) {
    if (micros >= 1000) {
      return String.format(Locale.ROOT, "%.2f ms", micros / 1000);
    }
    if (micros >= 1) {
      return String.format(Locale.ROOT, "%.2f µs", micros);
    }
    return String.format(Locale.ROOT, "%.0f ns", micros * 1000);
  }

  private static String ratio(Double numerator, Double denominator) {
    if (numerator == null || denominator == null) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.3g×", numerator / denominator);
  }

  /** Grouped bars, one group per workload, log-scale time axis. */
  static BufferedImage chart(Map<String, Map<String, Double>> times) {
    int width = 900;
    int height = 480;
    int left = 90;
    int bottom = 60;
    int top = 40;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Map<String, Double> t : times.values()) {
      for (double v : t.values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double lo = Math.floor(Math.log10(Math.max(min, 1e-6)));
    double hi = Math.ceil(Math.log10(Math.max(max, 1e-6)));
    if (hi <= lo) {
      hi = lo + 1;
    }
    int plotHeight = height - top - bottom;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int e = (int) lo; e <= hi; e++) {
      int y = top + (int) ((hi - e) / (hi - lo) * plotHeight);
      g.setColor(new Color(0xdddddd));
      g.drawLine(left, y, width - 20, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(time(Math.pow(10, e)), 10, y + 4);
    }
    List<String> workloads = new ArrayList<>(times.keySet());
    int group = (width - left - 20) / Math.max(1, workloads.size());
    int bar = Math.max(8, (group - 30) / ENGINES.size());
    for (int w = 0; w < workloads.size(); w++) {
      Map<String, Double> t = times.get(workloads.get(w));
      int x0 = left + w * group + 15;
      for (int k = 0; k < ENGINES.size(); k++) {
        Double v = t.get(ENGINES.get(k));
        if (v == null) {
          continue;
        }
        int y = top + (int) ((hi - Math.log10(v)) / (hi - lo) * plotHeight);
        g.setColor(COLORS[k]);
        g.fillRect(x0 + k * bar, y, bar - 4, top + plotHeight - y);
      }
      g.setColor(Color.BLACK);
      g.drawString(workloads.get(w), x0, height - bottom + 20);
    }
    g.setStroke(new BasicStroke(1));
    g.drawLine(left, top + plotHeight, width - 20, top + plotHeight);
    for (int k = 0; k < ENGINES.size(); k++) {
      g.setColor(COLORS[k]);
      g.fillRect(left + k * 120, 12, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(ENGINES.get(k), left + k * 120 + 18, 23);
    }
    g.drawString("time per operation, log scale (lower is faster)", width - 300, 23);
    g.dispose();
    return image;
  }
}
