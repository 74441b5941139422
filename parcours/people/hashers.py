"""Argon2 sized for a class signing in at the same moment.

Django's default Argon2 parameters use about 100 MiB of memory per hash: thirty trainees
pressing "Entrer" in the same second would need 3 GiB at once on a small server.
We use the first of OWASP's recommended Argon2id settings instead (19 MiB, 2
iterations, 1 lane): 30 simultaneous hashes fit in under 600 MiB, each takes tens of
milliseconds on one core, and the PIN's weakness is covered by the per-account
lockout rather than by hashing cost (10 guesses among a million before the account locks).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class ParcoursArgon2Hasher(Argon2PasswordHasher):
    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
