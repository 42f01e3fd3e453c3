// /account: the same "Turn on notifications" button as in the app, for leaders'
// and safety representatives' phones (the service worker serves the whole site).
import { loadCatalog } from "./lib/i18n.js";
import { registerServiceWorker } from "./lib/offline.js";
import { setupNotifications } from "./ui/notifications.js";

const panel = document.getElementById("notify-panel");
if (panel) {
  await loadCatalog(panel.dataset.lang || document.documentElement.lang);
  await registerServiceWorker();
  setupNotifications(panel);
}
