package io.parley.bench.charts;

import java.util.List;

/** One measured figure per bar (CPU per delivery of each server, memory per connection), as an SVG picture. */
public record BarChart(String title, String yLabel, List<Bar> bars) {

  public record Bar(String name, double value) {
  }

  public String svg() {
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("nothing to draw in " + title);
    }
    double max = bars.stream().mapToDouble(Bar::value).max().orElseThrow();
    Scale y = Scale.linear(0, max, Canvas.HEIGHT - Canvas.BOTTOM, Canvas.TOP);
    Canvas canvas = new Canvas(title);
    canvas.axes(null, y, "", yLabel);
    double slot = (Canvas.WIDTH - Canvas.LEFT - Canvas.RIGHT) / (double) bars.size();
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double left = Canvas.LEFT + i * slot + slot * 0.2;
      double top = y.pixel(bar.value());
      canvas.bar(left, top, slot * 0.6, y.pixel(0) - top, i);
      canvas.text(left + slot * 0.3, top - 6, Scale.label(bar.value()), "middle");
      canvas.text(left + slot * 0.3, Canvas.HEIGHT - Canvas.BOTTOM + 18, bar.name(), "middle");
    }
    return canvas.close();
  }
}
