"""GET /api/task_status/{id}: Taiga 2's six keys for every state (taigapy depends on them), 404
problem JSON for an id that names no task, 401 without a token. Jobs are seeded straight into the
database (job_rows.py) until an endpoint enqueues real ones; the worker side is covered by the
unit tests in src/jobs/."""
import uuid

import pytest

from conftest import assert_problem
from job_rows import insert_job

KEYS = {"id", "state", "message", "current", "total", "s3Key"}


@pytest.fixture
def user(new_user):
    return new_user("tasks")


def status(user, task_id):
    r = user.client.get(f"/task_status/{task_id}")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    return r.json()


def test_pending_task_waits_in_the_queue(server, user):
    task = insert_job(server, state="PENDING", message="not shown while pending")
    assert status(user, task) == {"id": task, "state": "PENDING",
                                  "message": "Waiting in the task queue", "current": 0,
                                  "total": 1, "s3Key": "TODO"}


def test_started_task_without_a_message_says_so(server, user):
    task = insert_job(server, state="STARTED", attempts=1)
    assert status(user, task) == {"id": task, "state": "STARTED", "message": "No message",
                                  "current": 0, "total": 1, "s3Key": "TODO"}


def test_progress_shows_message_and_counts(server, user):
    task = insert_job(server, state="PROGRESS", current=40, total=100, attempts=1,
                      message="Conversion in progress, line 40")
    assert status(user, task) == {"id": task, "state": "PROGRESS",
                                  "message": "Conversion in progress, line 40", "current": 40,
                                  "total": 100, "s3Key": "TODO"}


def test_success_is_one_of_one_and_carries_the_result(server, user):
    plain = insert_job(server, state="SUCCESS", current=7, total=9, attempts=1)
    assert status(user, plain) == {"id": plain, "state": "SUCCESS",
                                   "message": "Task has successfully terminated", "current": 1,
                                   "total": 1, "s3Key": "TODO"}
    with_result = insert_job(server, state="SUCCESS", attempts=1, result='{"rows": 3}')
    body = status(user, with_result)
    assert set(body) == KEYS | {"result"}
    assert body["result"] == {"rows": 3}


def test_failure_shows_the_error_with_total_minus_one(server, user):
    task = insert_job(server, state="FAILURE", attempts=1,
                      error="On line 2: Expected 3 columns, but found 4 columns.")
    assert status(user, task) == {"id": task, "state": "FAILURE",
                                  "message": "On line 2: Expected 3 columns, but found 4 columns.",
                                  "current": 1, "total": -1, "s3Key": "TODO"}


def test_a_retrying_task_is_pending_again(server, user):
    task = insert_job(server, state="PENDING", attempts=2, error="store unreachable")
    body = status(user, task)
    assert body["state"] == "PENDING" and body["message"] == "Waiting in the task queue"


@pytest.mark.parametrize("task_id", [str(uuid.uuid4()), "0" * 32, "not-a-task", "%20x"])
def test_an_unknown_id_is_404_problem_json(user, task_id):
    r = user.client.get(f"/task_status/{task_id}")
    body = assert_problem(r, 404, "no task with id")
    if task_id[0] != "%":
        assert task_id in body["detail"]


def test_any_signed_in_user_may_poll_but_not_anonymous(server, client, new_user):
    task = insert_job(server, state="PENDING")
    other = new_user("tasks-other")
    assert status(other, task)["id"] == task
    assert_problem(client().get(f"/task_status/{task}"), 401)
