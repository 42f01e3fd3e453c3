// The board meeting's timer: time elapsed and time left of the meeting's minutes.
// It counts from the start time the server stored (data-started-at), so a reload
// or a second screen shows the same time. The words come from data- attributes.

const root = document.getElementById("meeting-timer");

function clock(totalSeconds) {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

function render(text, started, limit) {
  const elapsed = (Date.now() - started) / 1000;
  const left = limit - elapsed;
  const { labelElapsed, labelRemaining, labelOver } = root.dataset;
  text.textContent =
    left >= 0
      ? `${labelElapsed} ${clock(elapsed)} · ${labelRemaining} ${clock(left)}`
      : `${labelElapsed} ${clock(elapsed)} · ${labelOver} ${clock(-left)}`;
  root.dataset.state = left < 0 ? "over" : left < 120 ? "ending" : "running";
}

function start() {
  const started = Date.parse(root.dataset.startedAt);
  const limit = Number(root.dataset.minutes) * 60;
  const text = root.querySelector(".timer-text");
  if (Number.isNaN(started) || !text) return;
  render(text, started, limit);
  setInterval(() => render(text, started, limit), 1000);
}

if (root) start();
