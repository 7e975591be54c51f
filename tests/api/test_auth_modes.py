"""Authentication beyond bearer tokens: trusted-proxy mode (an identity header honoured only from
configured proxy addresses; unknown emails become users with Home and Trash) and the default user
(explicit configuration only, and only on a loopback listener). Each test runs its own server."""
import requests

from conftest import assert_problem, running_server, uniq


def get_user(srv, headers):
    return requests.get(srv.api + "/user", headers=headers, timeout=30)


def test_trusted_proxy_header_signs_in_and_creates_users():
    env = {"TAIGA_AUTH_PROXY_HEADER": "X-Forwarded-Email", "TAIGA_AUTH_TRUSTED_PROXIES": "127.0.0.1"}
    with running_server(extra_env=env) as srv:
        email = f"{uniq('proxied')}@example.org"
        r = get_user(srv, {"X-Forwarded-Email": email})
        assert r.status_code == 200, r.text
        me = r.json()
        assert me["email"] == email and me["name"] == email.split("@")[0]
        assert me["token"] is None  # signed in by the proxy, not by a token
        home = requests.get(srv.api + f"/folder/{me['home_folder_id']}",
                            headers={"X-Forwarded-Email": email}, timeout=30).json()
        assert home["folder_type"] == "home" and home["creator"]["id"] == me["id"]
        # The same email is the same user; a token still wins over the header.
        assert get_user(srv, {"X-Forwarded-Email": email}).json()["id"] == me["id"]
        r = get_user(srv, {"X-Forwarded-Email": email,
                           "Authorization": f"Bearer {srv.admin_token}"})
        assert r.json()["name"] == "admin"
        # Two emails with the same local part do not collide.
        other = email.split("@")[0] + "@elsewhere.org"
        r = get_user(srv, {"X-Forwarded-Email": other})
        assert r.status_code == 200 and r.json()["id"] != me["id"]
        assert_problem(get_user(srv, {"X-Forwarded-Email": "not-an-email"}), 400)
        assert_problem(get_user(srv, {}), 401)


def test_identity_header_from_an_untrusted_address_is_ignored():
    env = {"TAIGA_AUTH_PROXY_HEADER": "X-Forwarded-Email", "TAIGA_AUTH_TRUSTED_PROXIES": "10.9.9.9"}
    with running_server(extra_env=env) as srv:
        assert_problem(get_user(srv, {"X-Forwarded-Email": "mallory@example.org"}), 401)
        r = requests.get(srv.api + "/user/all", headers={"Authorization": f"Bearer {srv.admin_token}"},
                         timeout=30)
        assert all(u["name"] != "mallory" for u in r.json())
        assert "untrusted" in srv.log()


def test_no_default_user_unless_configured(server):
    assert_problem(get_user(server, {}), 401)


def test_default_user_on_a_loopback_listener():
    with running_server(extra_env={"TAIGA_AUTH_DEFAULT_USER": "admin"}) as srv:
        r = get_user(srv, {})
        assert r.status_code == 200 and r.json()["name"] == "admin"
        # A bad token is still refused rather than falling back.
        assert_problem(get_user(srv, {"Authorization": "Bearer nope"}), 401)


def test_default_user_is_refused_on_other_listeners():
    with running_server(extra_env={"TAIGA_AUTH_DEFAULT_USER": "admin"}, listen_host="0.0.0.0") as srv:
        assert_problem(get_user(srv, {}), 401)
