description = [[
MITRE ATT&CK CoA - T1569.002 - Service Execution.

Remediates the Service Execution technique with the intelligence-driven Courses
of Action defined by Palo Alto Networks Unit 42 (ATOMs). It does not simulate
the attack; it follows the remediation steps and records what was handled.

Adversaries may abuse the Windows service control manager (services.exe, sc.exe,
PsExec) to execute malicious commands or payloads through new or modified
services.
]]

---
-- @usage coa run T1569.002 --incident incident.json --integrations integrations.json
-- @output Handled.Techniques  the techniques handled in this playbook
---

id = "T1569.002"
name = "MITRE ATT&CK CoA - T1569.002 - Service Execution"
techniques = { "T1569.002", "T1035" }  -- T1035: the ID before sub-techniques existed
phases = { "Execution" }
outputs = {
  { path = "Handled.Techniques", description = "The techniques handled in this playbook" },
}

local XDR_BRAND = "Cortex XDR - IR"
local HANDLED = { "T1035", "T1569.002" }

function run()
  local xdr_enabled = step("Is Cortex XDR integration enabled?", function()
    return IsIntegrationAvailable { brandname = XDR_BRAND }
  end)

  if not xdr_enabled then
    manual("Manual - Enable Cortex XDR integration",
      "Enable the Cortex XDR - IR integration. If you do not have a Cortex XDR "
        .. "license, contact your Palo Alto Networks account manager.")
  end

  manual("Manual - Configure XDR Behavioral Threat Protection under the Malware Security Profile",
    "In Cortex XDR, open the Malware Security Profile and set Behavioral Threat "
      .. "Protection to Block, so that malicious service creation and execution "
      .. "through the service control manager is stopped.")

  step("Set technique handled", function()
    Set { key = "Handled.Techniques", value = HANDLED, append = true }
  end)

  step("Set grid field", { continue_on_error = true }, function()
    SetGridField {
      grid_id = "handledtechniques",
      context_path = "Handled.Techniques",
      columns = "technique",
    }
  end)

  step("Done")
end
