"""Simulated trainees for bench/load_test.py: sign in, read lessons, mark them done, answer quizzes.

Every lesson a trainee completed (the server answered 302 to the POST) is written to
$LOAD_LEDGER, so the orchestrator can check that no progress row was lost.
"""

import os
import random
import re
import threading

from locust import HttpUser, between, events, task

LEDGER = os.environ.get("LOAD_LEDGER", "/tmp/otop-load-ledger.csv")
_lock = threading.Lock()
_accounts = iter(os.environ.get("LOAD_ACCOUNTS", "").split(","))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUIZ_INPUT = re.compile(r'name="(q-[^"]+)" value="([^"]+)"')
TOKEN = re.compile(r'name="token" value="([^"]+)"')
FORM_ACTION = re.compile(r'<form method="post" action="(/learning/lessons/\d+/(?:complete|quiz)/)"')


@events.test_start.add_listener
def _reset_ledger(environment, **kwargs):
    open(LEDGER, "w").close()


class Trainee(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        with _lock:
            self.email = next(_accounts)
        page = self.client.get("/accounts/sign-in/", name="sign-in form")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/accounts/sign-in/",
            {
                "username": self.email,
                "password": os.environ["LOAD_PASSWORD"],
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/accounts/sign-in/"},
            name="sign-in",
        )
        course = self.client.get(os.environ["LOAD_COURSE_URL"], name="course page")
        course_url = os.environ["LOAD_COURSE_URL"]
        lesson_link = re.compile(r'href="(' + re.escape(course_url) + r'[^"/]+/[^"/]+/)"')
        self.lessons = sorted(set(lesson_link.findall(course.text)))

    @task
    def study_a_lesson(self):
        if not self.lessons:
            return
        url = random.choice(self.lessons)
        page = self.client.get(url, name="lesson")
        action = FORM_ACTION.search(page.text)
        csrf = CSRF.search(page.text)
        if not action or not csrf:
            return  # already done, or locked
        data = {"csrfmiddlewaretoken": csrf.group(1)}
        if action.group(1).endswith("/quiz/"):
            data["token"] = TOKEN.search(page.text).group(1)
            for name, value in QUIZ_INPUT.findall(page.text):
                data.setdefault(name, value)  # the first option of each question
            name = "quiz submit"
        else:
            name = "mark complete"
        response = self.client.post(
            action.group(1),
            data,
            headers={"Referer": self.host + url},
            name=name,
            allow_redirects=False,
        )
        if name == "mark complete" and response.status_code == 302:
            with _lock, open(LEDGER, "a") as ledger:
                ledger.write(f"{self.email},{action.group(1).split('/')[3]}\n")
