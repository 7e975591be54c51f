"""Smoke test: the server is up, ready, knows its admin, and refuses anonymous API calls with a
problem-JSON error."""
import requests


def test_healthz(server):
    r = requests.get(server.root_url + "/healthz", timeout=10)
    assert r.status_code == 200


def test_readyz(server):
    r = requests.get(server.root_url + "/readyz", timeout=10)
    assert r.status_code == 200


def test_current_user_is_admin(admin):
    r = admin.get("/user")
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "admin"


def test_current_user_without_token_is_401_problem_json(client):
    r = client().get("/user")
    assert r.status_code == 401, r.text
    body = r.json()
    assert {"type", "title", "detail", "status"} <= body.keys()
    assert body["status"] == 401
