"""A week-day's mix of people for bench/load.py: trainees on their pages, trainers on the
today page taking attendance, social workers reading reports, coordinators on the
statistics. Accounts and ids come from bench/load.py in BENCH_TARGETS (JSON)."""

import json
import os
import random
import re

from locust import HttpUser, between, task

TARGETS = json.loads(os.environ.get("BENCH_TARGETS", "{}"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Person(HttpUser):
    abstract = True
    wait_time = between(3, 10)  # reading, typing, helping a neighbour

    def post_form(self, path, data, name):
        page = self.client.get(path, name=f"{name} (form)")
        token = CSRF.search(page.text).group(1)
        return self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + path},
            name=name,
        )

    def staff_sign_in(self, email):
        self.post_form("/connexion/", {"email": email, "password": TARGETS["password"]}, "sign-in")


class Trainee(Person):
    weight = 60

    def on_start(self):
        username = random.choice(TARGETS["trainees"])
        self.post_form(
            "/connexion/stagiaire/",
            {"username": username, "pin": TARGETS["trainee_pin"]},
            "trainee sign-in",
        )

    @task(5)
    def home(self):
        self.client.get("/accueil/", name="trainee home")

    @task(3)
    def documents(self):
        self.client.get("/mes-documents/", name="locker")


class Trainer(Person):
    weight = 25

    def on_start(self):
        self.staff_sign_in(TARGETS["trainer"])

    @task(3)
    def today(self):
        self.client.get("/aujourdhui/", name="today")

    @task(5)
    def attendance(self):
        lesson, trainees = TARGETS["lesson"], TARGETS["roster"]
        path = f"/seances/{lesson}/"
        page = self.client.get(path, name="lesson")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            f"/seances/{lesson}/presence/{random.choice(trainees)}/",
            data={
                "status": random.choice(["present", "late", "absent"]),
                "csrfmiddlewaretoken": token,
            },  # fmt: skip
            headers={"Referer": self.host + path},
            name="attendance (write)",
        )


class SocialWorker(Person):
    weight = 10

    def on_start(self):
        self.staff_sign_in(TARGETS["social_worker"])

    @task(3)
    def home(self):
        self.client.get("/accueil/", name="social worker home")

    @task(2)
    def report(self):
        self.client.get(f"/comptes-rendus/{TARGETS['report']}/", name="report")


class Coordinator(Person):
    weight = 5

    def on_start(self):
        self.staff_sign_in(TARGETS["coordinator"])

    @task
    def statistics(self):
        self.client.get("/statistiques/", name="statistics")

    @task
    def trainees(self):
        self.client.get("/stagiaires/", name="trainee list")
