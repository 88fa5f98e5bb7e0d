/**
 * The notifications the app has loaded, newest first, and my unread count (which also counts
 * those not loaded). Held by the {@link Store} as `store.notifications`; every change emits
 * 'notifications' on the store.
 */
export class NotificationList {
  constructor(emit) {
    this.emit = emit;
    this.items = [];
    this.unread = 0;
    this.hasOlder = false;
  }

  /** A page from the server: the first replaces what is shown, later ones go below it. */
  put(page, { older = false, limit } = {}) {
    const items = page.items || [];
    this.items = older ? [...this.items, ...items.filter((item) => !this.items.some((known) => known.id === item.id))] : items;
    this.unread = page.unread ?? this.unread;
    this.hasOlder = limit ? items.length === limit : false;
    this.emit();
  }

  /** Marks some (or with null, all) read, the unread count as the server answered it. */
  read(ids, unread) {
    this.items = this.items.map((item) => (ids === null || ids.includes(item.id) ? { ...item, read: true } : item));
    this.unread = unread;
    this.emit();
  }

  /**
   * I read a chat on this device: the server clears that chat's notifications (through its
   * event stream, a moment later); the list shows it at once.
   */
  chatRead(chatId) {
    const cleared = this.items.filter((item) => item.chatId === chatId && !item.read).length;
    if (cleared === 0) {
      return;
    }
    this.items = this.items.map((item) => (item.chatId === chatId ? { ...item, read: true } : item));
    this.unread = Math.max(0, this.unread - cleared);
    this.emit();
  }

  remove(id) {
    const gone = this.items.find((item) => item.id === id);
    this.items = this.items.filter((item) => item.id !== id);
    if (gone && !gone.read) {
      this.unread = Math.max(0, this.unread - 1);
    }
    this.emit();
  }
}
