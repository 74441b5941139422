import factory

from parcours.rooms.models import ChecklistPoint, Equipment
from tests.courses.factories import RoomFactory

__all__ = ["ChecklistPointFactory", "EquipmentFactory", "RoomFactory"]


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    room = factory.SubFactory(RoomFactory)
    kind = Equipment.Kind.COMPUTER
    label = factory.Sequence(lambda n: f"PC-{n:02d}")
    operating_system = "Linux Mint 22"
    origin = Equipment.Origin.DONATED
    status = Equipment.Status.WORKING

    class Params:
        broken = factory.Trait(status=Equipment.Status.BROKEN)
        printer = factory.Trait(
            kind=Equipment.Kind.PRINTER, label=factory.Sequence(lambda n: f"IMP-{n}")
        )


class ChecklistPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistPoint

    label = factory.Sequence(lambda n: f"Point {n}")
    position = factory.Sequence(lambda n: n)
