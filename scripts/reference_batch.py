#!/usr/bin/env python3
"""The batch benchmark's reference: T1569.002 over JSON lines, written plainly in Python as a
team would script it by hand (json parse, the three natives' logic, json write).
Usage: python3 scripts/reference_batch.py INTEGRATIONS < incidents.jsonl > reports.jsonl"""
import json
import sys
import time

XDR_BRAND = "Cortex XDR - IR"
HANDLED = ["T1035", "T1569.002"]
ENABLE_XDR = ("Manual - Enable Cortex XDR integration",
              "Enable the Cortex XDR - IR integration. If you do not have a Cortex XDR "
              "license, contact your Palo Alto Networks account manager.")
CONFIGURE_BTP = ("Manual - Configure XDR Behavioral Threat Protection under the Malware "
                 "Security Profile",
                 "In Cortex XDR, open the Malware Security Profile and set Behavioral Threat "
                 "Protection to Block, so that malicious service creation and execution "
                 "through the service control manager is stopped.")


def load_integrations(path):
    with open(path) as f:
        data = json.load(f)
    if isinstance(data, dict):  # getModules shape: instance name -> {brand, state}
        return [dict(fields, name=name) for name, fields in data.items()]
    return data


def set_append(context, key, values):
    """Set with append=true: merge into a list, skipping values already there."""
    parts = key.split(".")
    node = context
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    current = node.get(parts[-1])
    if current is None:
        current = []
    elif not isinstance(current, list):
        current = [current]
    for value in values:
        if value not in current:
            current.append(value)
    node[parts[-1]] = current
    return current


def get_path(context, key):
    node = context
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def is_integration_available(brand, integrations, context):
    names = [i["name"] for i in integrations
             if (i.get("brand") or "").lower() == brand.lower() and i.get("state") == "active"]
    set_append(context, "brandInstances", names)
    return len(names) > 0


def set_grid_field(incident, grid_id, values, column):
    rows = [{column: value} for value in values]
    incident.setdefault("CustomFields", {})[grid_id] = rows
    return rows


def run(incident, integrations):
    entries = []
    tasks = []
    context = incident.get("context") or {}

    step = "Is Cortex XDR integration enabled?"
    entries.append({"kind": "stepStarted", "step": step})
    available = is_integration_available(XDR_BRAND, integrations, context)
    entries.append({"kind": "nativeCall", "function": "IsIntegrationAvailable",
                    "arguments": {"brandname": XDR_BRAND}, "outcome": "ok",
                    "message": "yes" if available else "no"})
    entries.append({"kind": "stepFinished", "step": step})

    for name, description in ([] if available else [ENABLE_XDR]) + [CONFIGURE_BTP]:
        tasks.append({"name": name, "description": description})
        entries.append({"kind": "manualTask", "name": name, "description": description})

    step = "Set technique handled"
    entries.append({"kind": "stepStarted", "step": step})
    set_append(context, "Handled.Techniques", HANDLED)
    entries.append({"kind": "nativeCall", "function": "Set",
                    "arguments": {"key": "Handled.Techniques", "value": HANDLED, "append": True},
                    "outcome": "ok", "message": "Key Handled.Techniques set"})
    entries.append({"kind": "stepFinished", "step": step})

    step = "Set grid field"
    entries.append({"kind": "stepStarted", "step": step})
    values = get_path(context, "Handled.Techniques") or []
    rows = set_grid_field(incident, "handledtechniques", values, "technique")
    entries.append({"kind": "nativeCall", "function": "SetGridField",
                    "arguments": {"grid_id": "handledtechniques",
                                  "context_path": "Handled.Techniques", "columns": "technique"},
                    "outcome": "ok",
                    "message": "Grid handledtechniques set from Handled.Techniques (%d rows)"
                               % len(rows)})
    entries.append({"kind": "stepFinished", "step": step})
    entries.append({"kind": "stepStarted", "step": "Done"})
    entries.append({"kind": "stepFinished", "step": "Done"})

    incident["context"] = context
    return entries, tasks


def main():
    integrations = load_integrations(sys.argv[1])
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            incident = json.loads(line)
        except ValueError as error:
            record = {"line": number, "status": "invalid", "error": {"message": str(error)}}
            sys.stdout.write(json.dumps(record) + "\n")
            continue
        start = time.perf_counter()
        entries, tasks = run(incident, integrations)
        record = {"line": number, "playbook": "T1569.002", "status": "completed",
                  "durationMs": (time.perf_counter() - start) * 1000, "entries": entries,
                  "manualTasks": tasks, "incident": incident}
        sys.stdout.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
