package io.actionport.server.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Tells whether a new input schema still accepts what callers of the old one send. A change is
 * breaking when a property disappears, becomes required, changes type, or loses enum values.
 */
final class SchemaChanges {

    private SchemaChanges() {}

    /** Why the new input schema would refuse inputs the old one accepted; empty when it would not. */
    static List<String> breaking(JsonNode before, JsonNode after) {
        var reasons = new ArrayList<String>();
        compare("", before, after, reasons);
        return reasons;
    }

    private static void compare(String at, JsonNode before, JsonNode after, List<String> reasons) {
        var oldProperties = before.path("properties");
        var newProperties = after.path("properties");
        var oldRequired = names(before.path("required"));
        for (var name : names(after.path("required"))) {
            if (!oldRequired.contains(name)) {
                reasons.add(at + "/" + name + " became required");
            }
        }
        for (var entry : oldProperties.properties()) {
            var name = entry.getKey();
            var newProperty = newProperties.get(name);
            if (newProperty == null) {
                reasons.add(at + "/" + name + " was removed");
                continue;
            }
            var oldType = entry.getValue().path("type");
            if (!oldType.isMissingNode() && !oldType.equals(newProperty.path("type"))) {
                reasons.add(at + "/" + name + " changed type from " + oldType + " to " + newProperty.path("type"));
            }
            var removedValues = names(entry.getValue().path("enum"));
            removedValues.removeAll(names(newProperty.path("enum")));
            if (!removedValues.isEmpty() && newProperty.has("enum")) {
                reasons.add(at + "/" + name + " no longer accepts " + removedValues);
            }
            if (entry.getValue().has("properties")) {
                compare(at + "/" + name, entry.getValue(), newProperty, reasons);
            }
        }
    }

    private static Set<String> names(JsonNode array) {
        var names = new HashSet<String>();
        array.forEach(item -> names.add(item.asString()));
        return names;
    }
}
