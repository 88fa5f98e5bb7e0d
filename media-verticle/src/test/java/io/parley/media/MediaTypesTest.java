package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.error.ParleyException;
import org.junit.jupiter.api.Test;

/** Which declared types a kind takes, when sniffed bytes agree, and how downloads are served. */
class MediaTypesTest {

  @Test
  void aDeclaredTypeIsNormalisedAndCheckedAgainstTheKind() {
    assertThat(MediaTypes.declared(MediaKind.AUDIO, "Audio/WebM; codecs=opus")).isEqualTo("audio/webm");
    assertThat(MediaTypes.declared(MediaKind.IMAGE, "image/jpg")).isEqualTo("image/jpeg");
    assertThat(MediaTypes.declared(MediaKind.AUDIO, "audio/x-wav")).isEqualTo("audio/wav");
    assertThat(MediaTypes.declared(MediaKind.AUDIO, "audio/mp3")).isEqualTo("audio/mpeg");
    assertThat(MediaTypes.declared(MediaKind.VIDEO, "video/quicktime")).isEqualTo("video/quicktime");
    assertThat(MediaTypes.declared(MediaKind.DOCUMENT, "application/vnd.ms-excel")).isEqualTo("application/vnd.ms-excel");
    for (String refused : new String[] {"text/html", "image/svg+xml", "image/heic", "image/tiff", "application/pdf", "", "nonsense"}) {
      assertThatThrownBy(() -> MediaTypes.declared(MediaKind.IMAGE, refused)).as(refused)
        .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.errorCode().code()).isEqualTo("media.type_not_allowed"));
    }
    assertThatThrownBy(() -> MediaTypes.declared(MediaKind.VIDEO, "audio/mpeg")).isInstanceOf(ParleyException.class);
  }

  @Test
  void sniffedBytesMatchWhenTheyAreOfTheDeclaredFormat() {
    assertThat(MediaTypes.matches(MediaKind.IMAGE, "image/jpeg", "image/jpeg")).isTrue();
    assertThat(MediaTypes.matches(MediaKind.IMAGE, "image/jpeg", "image/png")).isFalse();
    assertThat(MediaTypes.matches(MediaKind.IMAGE, "image/jpeg", "text/html")).isFalse();
    assertThat(MediaTypes.matches(MediaKind.AUDIO, "audio/webm", "application/x-matroska")).isTrue();
    assertThat(MediaTypes.matches(MediaKind.AUDIO, "audio/wav", "audio/vnd.wave")).isTrue();
    assertThat(MediaTypes.matches(MediaKind.VIDEO, "video/mp4", "video/quicktime")).isTrue();
    assertThat(MediaTypes.matches(MediaKind.AUDIO, "audio/mpeg", "audio/ogg")).isFalse();
  }

  @Test
  void aDocumentMatchesWhenOneTypeIsAKindOfTheOther() {
    assertThat(MediaTypes.matches(MediaKind.DOCUMENT, "application/pdf", "application/pdf")).isTrue();
    assertThat(MediaTypes.matches(MediaKind.DOCUMENT, "text/csv", "text/plain")).isTrue();
    assertThat(MediaTypes.matches(MediaKind.DOCUMENT, "application/x-parley-unknown", "application/octet-stream")).isTrue();
    assertThat(MediaTypes.matches(MediaKind.DOCUMENT, "application/pdf", "text/html")).isFalse();
    assertThat(MediaTypes.matches(MediaKind.DOCUMENT, "application/zip", "image/png")).isFalse();
  }

  @Test
  void activeDocumentsAreServedAsPlainBytesAndAlwaysAsAttachments() {
    assertThat(MediaTypes.served(MediaKind.DOCUMENT, "text/html")).isEqualTo("application/octet-stream");
    assertThat(MediaTypes.served(MediaKind.DOCUMENT, "image/svg+xml")).isEqualTo("application/octet-stream");
    assertThat(MediaTypes.served(MediaKind.DOCUMENT, "application/pdf")).isEqualTo("application/pdf");
    assertThat(MediaTypes.served(MediaKind.IMAGE, "image/png")).isEqualTo("image/png");
    assertThat(MediaTypes.disposition(MediaKind.DOCUMENT, null)).isEqualTo("attachment");
    assertThat(MediaTypes.disposition(MediaKind.IMAGE, null)).isEqualTo("inline");
  }

  @Test
  void aFileNameIsGivenBothAsPlainAsciiAndEncoded() {
    assertThat(MediaTypes.disposition(MediaKind.DOCUMENT, "Prüfung \"final\" 100%.pdf"))
      .isEqualTo("attachment; filename=\"Pr_fung _final_ 100_.pdf\"; filename*=UTF-8''Pr%C3%BCfung%20%22final%22%20100%25.pdf");
  }
}
