// Service-worker helpers for Web Push: show what arrives, open the app at the item.
// The payload holds only words and a link ({title, body, url, tag}), never a case's text.
/* exported StegNotify */
const StegNotify = (() => {
  const ICON = "/static/icons/icon-192.png";

  function payloadOf(event) {
    try {
      return event.data ? event.data.json() : {};
    } catch (error) {
      return {};
    }
  }

  /** The `push` event: every push shows a notification (userVisibleOnly). */
  function show(event) {
    const data = payloadOf(event);
    return self.registration.showNotification(data.title || "Steg", {
      body: data.body || "", tag: data.tag || "steg", icon: ICON, badge: ICON,
      data: { url: sameOrigin(data.url) }, renotify: Boolean(data.tag),
    });
  }

  function sameOrigin(url) {
    try {
      const target = new URL(url || "/app#mine", self.location.origin);
      return target.origin === self.location.origin ? target.pathname + target.search + target.hash
        : "/app#mine";
    } catch (error) {
      return "/app#mine";
    }
  }

  /**
   * `notificationclick`: focus an open app window and tell it where to go (it syncs
   * and shows the item), or open a new window at the link (the app syncs as it starts).
   */
  async function open(event) {
    event.notification.close();
    const url = (event.notification.data && event.notification.data.url) || "/app#mine";
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const app = windows.find((client) => new URL(client.url).pathname === "/app");
    if (app && url.startsWith("/app")) {
      await app.focus();
      app.postMessage({ type: "NOTIFICATION_OPEN", url });
      return;
    }
    await self.clients.openWindow(url);
  }

  return { show, open };
})();
