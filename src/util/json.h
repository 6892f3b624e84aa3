/* json-c accessors every reader of JSON here needs: a member, or a string member, or NULL. */
#pragma once

#include <json.h>

static inline json_object *json_member(json_object *o, const char *key)
{
        json_object *v;

        return json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* The member's string value; NULL when it is absent or not a string. */
static inline const char *json_string_member(json_object *o, const char *key)
{
        json_object *v = json_member(o, key);

        return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}
