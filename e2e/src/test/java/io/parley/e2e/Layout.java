package io.parley.e2e;

import java.util.List;

/** How the page is laid out for a person, measured in their browser: what scrolls sideways, what covers what. */
final class Layout {

  private Layout() {
  }

  /** The page and the panes on screen that are wider inside than they are (so they scroll sideways), with both widths. */
  @SuppressWarnings("unchecked")
  static List<String> panesScrollingSideways(Person person) {
    return (List<String>) person.js("""
        const panes = { page: document.scrollingElement,
          conversation: document.querySelector('.conv-body:not([hidden]) .messages'),
          thread: document.querySelector('.thread-panel:not([hidden]) .thread-scroll') };
        return Object.entries(panes).filter(([, pane]) => pane && pane.scrollWidth > pane.clientWidth)
          .map(([name, pane]) => `${name}: ${pane.scrollWidth} > ${pane.clientWidth}`);""");
  }

  /**
   * What the message action toolbars on screen cover of any message's text, time or sender name,
   * as "toolbar of 'x' covers 'y'"; empty when they cover nothing.
   */
  @SuppressWarnings("unchecked")
  static List<String> textCoveredByActions(Person person) {
    return (List<String>) person.js("""
        const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const shown = (rect) => rect.width > 0 && rect.height > 0;
        const texts = [...document.querySelectorAll('.message-list .msg .msg-text, .message-list .msg time, .message-list .msg .sender-name')];
        return [...document.querySelectorAll('.message-list .msg .msg-actions')]
          .filter((bar) => getComputedStyle(bar).opacity !== '0' && shown(bar.getBoundingClientRect()))
          .flatMap((bar) => texts.filter((text) => shown(text.getBoundingClientRect())
              && overlap(bar.getBoundingClientRect(), text.getBoundingClientRect()))
            .map((text) => `toolbar of '${bar.closest('.msg').querySelector('.msg-text')?.textContent}' covers '${text.textContent}'`));""");
  }

  /** Whether the actions of the message with this text are open (by its ⋯ button or a long press) and shown. */
  static boolean actionsOpen(Person person, String text) {
    return Boolean.TRUE.equals(person.js("""
        const message = [...document.querySelectorAll('.messages .message-list .msg[data-seq]')]
          .find((e) => e.querySelector('.msg-text')?.textContent === arguments[0]);
        return Boolean(message?.classList.contains('actions-open') && message.querySelector('.msg-actions').getBoundingClientRect().width);""",
      text));
  }
}
