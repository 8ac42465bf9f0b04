#!/usr/bin/env python3
"""A reference Baton worker in plain Python 3 (standard library only).

It speaks Avtomatika 1.0b7's HTTP worker protocol, so it runs against Baton or Avtomatika alike:

  POST  /_worker/workers/register          {"worker_id", "supported_tasks", "status": "idle"}
  GET   /_worker/workers/{id}/tasks/next   long-poll: 200 {"job_id","task_id","type","params"} or 204
  POST  /_worker/tasks/result              {"job_id","task_id","worker_id","result":{...}}
  PATCH /_worker/workers/{id}              heartbeat, every --heartbeat seconds

Every request carries the X-Worker-Token header. Task types handled here:

  greet             {"name": "Ada"} -> success {"greeting": "Hello, Ada!"}
  fail_permanently  -> failure PERMANENT_ERROR (Baton quarantines the job)

Run `python3 worker.py --help` for the options. SIGTERM or Ctrl-C stops it cleanly: a task that
is running is finished and its result posted first.
"""

import argparse
import json
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request

DEFAULT_TOKEN = "secure-worker-token"


def log(message):
    print(time.strftime("%H:%M:%S"), "[worker]", message, file=sys.stderr, flush=True)


# ---- task handlers: params in, result out ------------------------------------------------------


class PermanentError(Exception):
    """Retrying cannot help: the job is quarantined."""


class InvalidInput(Exception):
    """The input is wrong: the job fails."""


def greet(params):
    name = params.get("name")
    if not isinstance(name, str) or not name:
        raise InvalidInput("params.name must be a non-empty string")
    return {"greeting": f"Hello, {name}!"}


def fail_permanently(params):
    raise PermanentError(params.get("reason", "this task always fails"))


HANDLERS = {"greet": greet, "fail_permanently": fail_permanently}


def run_task(task):
    """The "result" object of the protocol for one task; never raises."""
    handler = HANDLERS.get(task.get("type"))
    if handler is None:
        return failure("PERMANENT_ERROR", f"unsupported task type {task.get('type')!r}")
    try:
        return {"status": "success", "data": handler(task.get("params") or {})}
    except PermanentError as e:
        return failure("PERMANENT_ERROR", str(e))
    except InvalidInput as e:
        return failure("INVALID_INPUT_ERROR", str(e))
    except Exception as e:  # anything else may pass on a retry
        return failure("TRANSIENT_ERROR", f"{type(e).__name__}: {e}")


def failure(code, message):
    return {"status": "failure", "error": {"code": code, "message": message}}


# ---- the protocol ---------------------------------------------------------------------------------


class HttpError(Exception):
    def __init__(self, status, body, retry_after=None):
        super().__init__(f"HTTP {status}: {body[:200]}")
        self.status = status
        self.retry_after = retry_after


class Shutdown(Exception):
    """Raised by the signal handler to cut a long-poll short."""


class Orchestrator:
    def __init__(self, url, token, worker_id):
        self.url = url.rstrip("/")
        self.token = token
        self.worker_id = worker_id

    def call(self, method, path, body=None, timeout=15):
        """(status, parsed JSON or None). Raises HttpError for 4xx/5xx, OSError when unreachable."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("X-Worker-Token", self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raise HttpError(e.code, e.read().decode("utf-8", "replace"), e.headers.get("Retry-After"))

    def register(self, tasks):
        self.call("POST", "/_worker/workers/register", {
            "worker_id": self.worker_id,
            "supported_tasks": tasks,
            "status": "idle",
            "capabilities": {"websockets": False},
        })

    def heartbeat(self):
        self.call("PATCH", f"/_worker/workers/{self.worker_id}")

    def next_task(self, poll_timeout):
        status, task = self.call(
            "GET", f"/_worker/workers/{self.worker_id}/tasks/next", timeout=poll_timeout + 10)
        return task if status == 200 else None

    def post_result(self, task, result):
        _, answer = self.call("POST", "/_worker/tasks/result", {
            "job_id": task["job_id"],
            "task_id": task["task_id"],
            "worker_id": self.worker_id,
            "result": result,
        })
        return answer


class Backoff:
    """Waits longer after each failure (1 s doubling to 30 s); a success resets it."""

    def __init__(self, stop, first=1.0, most=30.0):
        self.stop, self.first, self.most, self.delay = stop, first, most, first

    def wait(self, error):
        delay = self.delay
        if isinstance(error, HttpError) and error.status == 429 and error.retry_after:
            try:
                delay = max(delay, float(error.retry_after))
            except ValueError:
                pass
        log(f"{error}; trying again in {delay:.0f} s")
        self.delay = min(self.delay * 2, self.most)
        self.stop.wait(delay)

    def reset(self):
        self.delay = self.first


def heartbeats(orchestrator, tasks, interval, stop):
    """Keeps the registration alive; registers again if the orchestrator forgot the worker."""
    while not stop.wait(interval):
        try:
            orchestrator.heartbeat()
        except HttpError as e:
            if e.status == 404:
                try:
                    orchestrator.register(tasks)
                    log("registered again")
                except (HttpError, OSError) as again:
                    log(f"registering again failed: {again}")
            else:
                log(f"heartbeat failed: {e}")
        except OSError as e:
            log(f"heartbeat failed: {e}")


def main(argv=None):
    parser = argparse.ArgumentParser(description="A Baton worker speaking Avtomatika 1.0b7's protocol.")
    parser.add_argument("--url", default=os.environ.get("BATON_URL", "http://localhost:8080"),
                        help="the orchestrator (default $BATON_URL or http://localhost:8080)")
    parser.add_argument("--token", default=os.environ.get("GLOBAL_WORKER_TOKEN", DEFAULT_TOKEN),
                        help="X-Worker-Token (default $GLOBAL_WORKER_TOKEN or secure-worker-token)")
    parser.add_argument("--worker-id", default=f"python-worker-{os.getpid()}")
    parser.add_argument("--tasks", default=",".join(HANDLERS),
                        help="task types to take, comma-separated (default: all it can handle)")
    parser.add_argument("--heartbeat", type=float, default=20.0, help="seconds between heartbeats")
    parser.add_argument("--poll-timeout", type=float, default=30.0,
                        help="the orchestrator's long-poll time (WORKER_POLL_TIMEOUT_SECONDS)")
    parser.add_argument("--max-tasks", type=int, default=0, help="exit after this many tasks (0: never)")
    args = parser.parse_args(argv)

    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    orchestrator = Orchestrator(args.url, args.token, args.worker_id)
    stop = threading.Event()
    polling = threading.Event()  # set while a long-poll may be cut short

    def on_signal(signum, _frame):
        log(f"{signal.Signals(signum).name}: stopping")
        stop.set()
        if polling.is_set():
            raise Shutdown()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    backoff = Backoff(stop)
    while not stop.is_set():
        try:
            orchestrator.register(tasks)
            break
        except HttpError as e:
            if e.status in (400, 401, 403):  # retrying cannot help
                log(f"registration refused: {e}")
                return 2
            backoff.wait(e)
        except OSError as e:
            backoff.wait(e)
    if stop.is_set():
        return 0
    log(f"registered {args.worker_id} at {args.url} for {tasks}")
    threading.Thread(target=heartbeats, args=(orchestrator, tasks, args.heartbeat, stop),
                     daemon=True).start()

    done = 0
    backoff.reset()
    while not stop.is_set() and (args.max_tasks <= 0 or done < args.max_tasks):
        try:
            polling.set()
            try:
                task = orchestrator.next_task(args.poll_timeout)
            finally:
                polling.clear()
        except Shutdown:
            break
        except (HttpError, OSError) as e:  # 429, 503 while the server stops, or unreachable
            backoff.wait(e)
            continue
        backoff.reset()
        if task is None:
            continue  # 204: nothing this time
        log(f"task {task['task_id']} ({task['type']}) of job {task['job_id']}")
        result = run_task(task)
        post(orchestrator, task, result, stop)
        done += 1
    stop.set()
    log(f"stopped after {done} task(s)")
    return 0


def post(orchestrator, task, result, stop):
    """Posts a result, retrying while the orchestrator is busy or unreachable (a lost result means
    the task runs again after its timeout). Finishes even when a stop was asked for."""
    for attempt in range(1, 6):
        try:
            answer = orchestrator.post_result(task, result)
            log(f"result {result['status']} for task {task['task_id']}: {answer}")
            return
        except HttpError as e:
            if e.status != 429 and e.status < 500:
                log(f"result for task {task['task_id']} refused: {e}")
                return
            error = e
        except OSError as e:
            error = e
        log(f"posting the result failed (attempt {attempt}): {error}")
        time.sleep(min(2 ** attempt, 30) if isinstance(error, HttpError) and error.status == 429
                   else 0.5 * attempt)
    log(f"gave up posting the result of task {task['task_id']}; it runs again after its timeout")


if __name__ == "__main__":
    sys.exit(main())
