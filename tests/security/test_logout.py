"""Logout wipes the tablet's site data only when the device says nothing is unsent."""

import pytest


@pytest.mark.parametrize(
    ("extra", "cleared"),
    [({"device_outbox_empty": "1"}, True), ({}, False), ({"device_outbox_empty": "0"}, False)],
)
def test_clear_site_data_only_with_an_empty_outbox(login, extra, cleared):
    worker = login("ansatt")
    response = worker.post("/logout", data={"csrf_token": worker.csrf, **extra})
    assert response.status_code == 302
    if cleared:
        assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    else:
        assert "Clear-Site-Data" not in response.headers
    assert worker.get("/").status_code == 302  # logged out either way


def test_session_cookie_is_http_only_so_no_script_can_read_it(app, login):
    worker = login("ansatt")
    cookie = worker.get_cookie("steg_session")
    assert cookie.http_only
    assert cookie.same_site == "Lax"
