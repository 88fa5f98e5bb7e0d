package io.parley.bench.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ChartsTest {

  @Test
  void ticksAreRoundNumbersThatCoverTheValues() {
    assertThat(Scale.niceStep(3.2)).isEqualTo(5);
    assertThat(Scale.niceStep(0.13)).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Scale.linear(0, 97, 0, 100).ticks()).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);
    assertThat(Scale.logarithmic(1.6, 331, 0, 100).ticks()).containsExactly(1.0, 10.0, 100.0, 1000.0);
    assertThat(Scale.label(300_000)).isEqualTo("300k");
    assertThat(Scale.label(0.25)).isEqualTo("0.25");
    assertThat(Scale.label(41_666.7)).isEqualTo("41,667");
  }

  @Test
  void aLineChartIsSvgWithOneLineAndALegendEntryPerSeriesInsideItsFrame() throws Exception {
    LineChart chart = new LineChart("Send to ack", "sends/s", "ms", true, List.of(
      new LineChart.Series("p50", List.of(new LineChart.Point(500, 1), new LineChart.Point(1000, 10))),
      new LineChart.Series("p99", List.of(new LineChart.Point(500, 10), new LineChart.Point(1000, 1000)))));

    Document svg = parse(chart.svg());

    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(2);
    String p99 = ((Element) svg.getElementsByTagName("polyline").item(1)).getAttribute("points");
    // 1000 ms is the top of the last decade: the line's end touches the top of the plot.
    assertThat(p99).endsWith("," + Canvas.number(Canvas.TOP));
    String p50 = ((Element) svg.getElementsByTagName("polyline").item(0)).getAttribute("points");
    // 1 ms is the bottom of the first decade.
    assertThat(p50.split(" ")[0]).endsWith("," + Canvas.number(Canvas.HEIGHT - Canvas.BOTTOM));
    assertThat(chart.svg()).contains(">p50<", ">p99<", ">Send to ack<");
  }

  @Test
  void aBarChartDrawsEveryBarWithItsFigureAndEscapesNames() throws Exception {
    String svg = new BarChart("Deliveries per CPU-second", "deliveries", List.of(
      new BarChart.Bar("Parley", 12_000), new BarChart.Bar("Socket.IO <4.8>", 75_000))).svg();

    Document document = parse(svg);

    assertThat(document.getElementsByTagName("rect").getLength()).as("background, two bars").isEqualTo(3);
    assertThat(svg).contains(">12k<", ">75k<", "Socket.IO &lt;4.8&gt;");
  }

  @Test
  void anEmptyChartIsRefused() {
    assertThatThrownBy(() -> new LineChart("none", "x", "y", false, List.of()).svg()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BarChart("none", "y", List.of()).svg()).isInstanceOf(IllegalArgumentException.class);
  }

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
      .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }
}
