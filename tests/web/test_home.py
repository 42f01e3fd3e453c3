"""Each role's start page tells what that role can do, and only that."""

import pytest

WORKER = ["Nytt avvik", "Nytt forslag", "Mine saker"]
LEADER = ["Innboks"]
COORDINATOR = ["Enheter", "Brukere", "Kategorier"]


@pytest.mark.parametrize(
    ("username", "shown", "hidden"),
    [
        ("ansatt", WORKER, LEADER + COORDINATOR),
        ("nav-ansatt", WORKER, LEADER + COORDINATOR),
        ("leder", LEADER, WORKER + COORDINATOR),
        ("koordinator", COORDINATOR, WORKER + LEADER),
    ],
)
def test_start_page_shows_what_the_role_may_do(login, username, shown, hidden):
    page = login(username).get("/").text
    for text in shown:
        assert f">{text}<" in page, f"{username} should see {text}"
    for text in hidden:
        assert f">{text}<" not in page, f"{username} should not see {text}"


def test_start_page_names_the_persons_unit(login):
    assert "Omsorg Sør – hjemmetjenesten 2" in login("ansatt").get("/").text
    assert "NAV flyktningetjenesten" in login("nav-ansatt").get("/").text
