#!/usr/bin/env bash
# `make run`'s last step: gunicorn, and beside it one notification worker (RQ) when
# Redis answers. Without Redis the notification jobs run inline after each commit;
# this says which. Ctrl+C stops both.
set -uo pipefail
BIN=${BIN:-.venv/bin}
PORT=${PORT:-5000}
WORKERS=${WORKERS:-2}
export STEG_ENV=development
QUEUE=${STEG_QUEUE_URL:-${REDIS_URL:-redis://127.0.0.1:6379/0}}

worker_pid=""
if STEG_QUEUE_URL="$QUEUE" "$BIN/flask" notify-check >/dev/null 2>&1; then
  export STEG_QUEUE_URL="$QUEUE"
  echo "Notifications: job queue on Redis ($QUEUE), one worker beside gunicorn (flask notify-worker)"
  "$BIN/flask" notify-worker &
  worker_pid=$!
else
  export STEG_QUEUE_URL=""
  echo "Notifications: Redis does not answer at $QUEUE – jobs run inline after each commit"
fi

stop() {
  if [ -n "$worker_pid" ]; then kill "$worker_pid" 2>/dev/null; wait "$worker_pid" 2>/dev/null; fi
}
trap stop EXIT

echo "Steg runs on http://127.0.0.1:$PORT  (gunicorn, $WORKERS workers; Ctrl+C stops)"
"$BIN/gunicorn" --config gunicorn.conf.py --workers "$WORKERS" --bind "127.0.0.1:$PORT" \
  --access-logfile - wsgi:app
