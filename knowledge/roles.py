"""Permissions of the knowledge app per role (merged by accounts.roles)."""

ROLE_PERMISSIONS = {
    "redacteur": [
        "knowledge.add_questionrequest",
        "knowledge.change_questionrequest",
        "knowledge.delete_questionrequest",
        "knowledge.view_questionrequest",
        "knowledge.view_pagefeedback",
        "knowledge.export_pagefeedback",
        "knowledge.delete_pagefeedback",
    ],
    "beheerder": [
        "knowledge.view_questionrequest",
        "knowledge.view_pagefeedback",
        "knowledge.export_pagefeedback",
    ],
}
