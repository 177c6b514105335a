description = [[
MITRE ATT&CK CoA - T1059.001 - PowerShell.

Remediates the PowerShell technique with the intelligence-driven Courses of
Action defined by Palo Alto Networks Unit 42 (ATOMs). It does not simulate the
attack; it follows the remediation steps and records what was handled.

Adversaries may abuse PowerShell, the Windows command-line shell and scripting
environment, to run commands, download and execute payloads in memory, and
discover information about the host.
]]

---
-- @usage coa run T1059.001 --incident incident.json --integrations integrations.json
-- @output Handled.Techniques  the techniques handled in this playbook
---

id = "T1059.001"
name = "MITRE ATT&CK CoA - T1059.001 - PowerShell"
techniques = { "T1059.001" }
phases = { "Execution" }
outputs = {
  { path = "Handled.Techniques", description = "The techniques handled in this playbook" },
}

local XDR_BRAND = "Cortex XDR - IR"

function run()
  local xdr_enabled = step("Is Cortex XDR integration enabled?", function()
    return IsIntegrationAvailable { brandname = XDR_BRAND }
  end)

  if not xdr_enabled then
    manual("Manual - Enable Cortex XDR integration",
      "Enable the Cortex XDR - IR integration. If you do not have a Cortex XDR "
        .. "license, contact your Palo Alto Networks account manager.")
  end

  manual("Enable XDR Anti-Exploit and Anti-Malware Protection",
    "In Cortex XDR, turn on the Exploit Security Profile and the Malware "
      .. "Security Profile (including script-based attack protection) for the "
      .. "endpoints, so that malicious PowerShell is blocked.")

  step("Set technique handled", function()
    Set { key = "Handled.Techniques", value = "T1059.001", append = true }
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
