"""The locker's views, by who uses them: own.py (the trainee's own documents),
shared.py (professionals: what was shared with them; coordinators: space), links.py
(expiring public links). serve.py sends a file, the same way for all of them."""
