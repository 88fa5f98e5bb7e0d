package io.parley.bench.charts;

import java.util.List;

/**
 * Lines of measured points as an SVG picture: one line per series (for example p50 and p99 of
 * one server), the load on the x axis. Latencies span decades, so the y axis may be logarithmic.
 */
public record LineChart(String title, String xLabel, String yLabel, boolean logarithmicY, List<Series> series) {

  public record Point(double x, double y) {
  }

  public record Series(String name, List<Point> points) {
  }

  public String svg() {
    List<Point> all = series.stream().flatMap(line -> line.points().stream()).toList();
    if (all.isEmpty()) {
      throw new IllegalArgumentException("nothing to draw in " + title);
    }
    double maxX = all.stream().mapToDouble(Point::x).max().orElseThrow();
    double minY = all.stream().mapToDouble(Point::y).filter(y -> y > 0).min().orElse(1);
    double maxY = all.stream().mapToDouble(Point::y).max().orElseThrow();
    Scale x = Scale.linear(0, maxX, Canvas.LEFT, Canvas.WIDTH - Canvas.RIGHT);
    Scale y = logarithmicY
      ? Scale.logarithmic(minY, maxY, Canvas.HEIGHT - Canvas.BOTTOM, Canvas.TOP)
      : Scale.linear(0, maxY, Canvas.HEIGHT - Canvas.BOTTOM, Canvas.TOP);
    Canvas canvas = new Canvas(title);
    canvas.axes(x, y, xLabel, yLabel);
    for (int i = 0; i < series.size(); i++) {
      Series line = series.get(i);
      StringBuilder points = new StringBuilder();
      for (Point point : line.points()) {
        points.append(Canvas.number(x.pixel(point.x()))).append(',').append(Canvas.number(y.pixel(point.y()))).append(' ');
      }
      canvas.line(points.toString().trim(), i);
      for (Point point : line.points()) {
        canvas.dot(x.pixel(point.x()), y.pixel(point.y()), i);
      }
      canvas.legend(line.name(), i);
    }
    return canvas.close();
  }
}
