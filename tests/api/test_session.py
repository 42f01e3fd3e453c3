"""GET /api/v1/session: who is logged in and what the app needs offline."""


def test_session_tells_the_worker_their_unit_categories_and_a_csrf_token(api):
    body = api("ansatt").get("/api/v1/session").json
    assert body["user"]["username"] == "ansatt"
    assert body["user"]["display_name"] == "Kari Hansen"
    assert body["user"]["role"] == "worker"
    assert body["unit"]["name"] == "Omsorg Sør – hjemmetjenesten 2"
    assert {"code": "fall", "label": "Fall"} in body["categories"]
    assert body["csrf_token"]
    assert body["server_time"].endswith("+00:00")


def test_session_leaves_out_retired_categories(api, retire_category):
    retire_category("fall")
    codes = [c["code"] for c in api("ansatt").get("/api/v1/session").json["categories"]]
    assert "fall" not in codes
    assert "medication" in codes


def test_session_labels_retired_categories_apart_so_old_records_still_read_well(
    api, retire_category
):
    retire_category("medication")
    body = api("ansatt").get("/api/v1/session").json
    assert body["retired_categories"] == [{"code": "medication", "label": "Legemiddel"}]
    assert "medication" not in [c["code"] for c in body["categories"]]


def test_coordinator_session_has_no_unit(api):
    body = api("koordinator").get("/api/v1/session").json
    assert body["unit"] is None
    assert body["categories"] == []
    assert body["retired_categories"] == []


def test_without_a_session_the_api_answers_401_not_authenticated(client):
    response = client.get("/api/v1/session")
    assert response.status_code == 401
    assert response.json["error"]["code"] == "not_authenticated"


def test_unknown_api_path_answers_the_json_envelope(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
