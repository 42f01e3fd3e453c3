"""The baseline for bench/sync_storm.py: Flask that only parses and echoes a JSON payload."""

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/echo")
def echo():
    return jsonify(request.get_json())


@app.get("/login")
def ready():
    return "ok"
