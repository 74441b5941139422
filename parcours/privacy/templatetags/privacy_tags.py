from django import template

from parcours import access

register = template.Library()


@register.inclusion_tag("privacy/_rights.html", takes_context=True)
def rights_section(context, trainee):
    """The person's rights on a trainee's record: what the signed-in staff member may do
    for them, as access.py says (the record's view needs to know nothing of it)."""
    user = context["request"].user
    from parcours.privacy.models import Erasure

    erased = Erasure.objects.filter(trainee_id=trainee.pk).first()
    return {
        "trainee": trainee,
        "erased": erased,
        "may_export": access.may_export_trainee_data(user),
        "may_rectify": erased is None and access.may_rectify(user, trainee),
        "may_erase": erased is None and access.may_erase(user),
        "may_edit_contact": erased is None and access.may_manage_sign_in(user),
    }
