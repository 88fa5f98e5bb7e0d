package io.parley.bench.charts;

import java.util.Locale;

/** The SVG both kinds of chart draw on: a titled frame, axes with ticks, coloured marks, a legend. */
final class Canvas {

  static final int WIDTH = 640;
  static final int HEIGHT = 400;
  static final int LEFT = 70;
  static final int RIGHT = 20;
  static final int TOP = 40;
  static final int BOTTOM = 60;
  /** Colours a reader with a common colour-vision deficiency still tells apart (Okabe–Ito). */
  private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};

  private final StringBuilder svg = new StringBuilder();

  Canvas(String title) {
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
      .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
      .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
      .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(WIDTH / 2.0, 22, title, "middle", "font-size=\"15\" font-weight=\"bold\"");
  }

  /** Axes with their ticks and labels; {@code x} null for a chart whose x axis names bars. */
  void axes(Scale x, Scale y, String xLabel, String yLabel) {
    double bottom = HEIGHT - BOTTOM;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"black\"/>%n", LEFT, number(bottom),
      WIDTH - RIGHT, number(bottom)));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%s\" stroke=\"black\"/>%n", LEFT, TOP, LEFT,
      number(bottom)));
    for (double tick : y.ticks()) {
      double at = y.pixel(tick);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#ddd\"/>%n", LEFT, number(at),
        WIDTH - RIGHT, number(at)));
      text(LEFT - 6, at + 4, Scale.label(tick), "end");
    }
    if (x != null) {
      for (double tick : x.ticks()) {
        double at = x.pixel(tick);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"black\"/>%n", number(at),
          number(bottom), number(at), number(bottom + 5)));
        text(at, bottom + 18, Scale.label(tick), "middle");
      }
    }
    text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 18, xLabel, "middle");
    svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%s\" text-anchor=\"middle\" transform=\"rotate(-90 16 %s)\">%s</text>%n",
      number((TOP + bottom) / 2), number((TOP + bottom) / 2), escape(yLabel)));
  }

  void line(String points, int index) {
    svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour(index)).append("\" points=\"")
      .append(points).append("\"/>\n");
  }

  void dot(double x, double y, int index) {
    svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n", number(x), number(y), colour(index)));
  }

  void bar(double x, double y, double width, double height, int index) {
    svg.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>%n", number(x), number(y),
      number(width), number(height), colour(index)));
  }

  void legend(String name, int index) {
    double y = TOP + 8 + 16 * index;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%s\" width=\"12\" height=\"3\" fill=\"%s\"/>%n", LEFT + 12,
      number(y - 4), colour(index)));
    text(LEFT + 30, y, name, "start");
  }

  void text(double x, double y, String content, String anchor) {
    text(x, y, content, anchor, "");
  }

  private void text(double x, double y, String content, String anchor, String attributes) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" %s>%s</text>%n", number(x), number(y), anchor,
      attributes, escape(content)));
  }

  String close() {
    return svg.append("</svg>\n").toString();
  }

  private static String colour(int index) {
    return COLOURS[index % COLOURS.length];
  }

  static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
