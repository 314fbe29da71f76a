package dev.switchboard.agents;

import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.ServerCapabilities;
import dev.switchboard.mcp.protocol.Tools;
import java.util.List;

/** What one agent offers, as one of its members listed it (every page), in the agent's own names. */
record AgentCatalogue(List<Tools.Tool> tools, List<Resources.Resource> resources, List<Resources.ResourceTemplate> templates,
                      List<Prompts.Prompt> prompts) {

    static final AgentCatalogue EMPTY = new AgentCatalogue(List.of(), List.of(), List.of(), List.of());

    /** Lists everything the member's server declared it offers. */
    static AgentCatalogue of(Member member) {
        ServerCapabilities caps = member.initialized.capabilities() == null ? ServerCapabilities.none() : member.initialized.capabilities();
        return new AgentCatalogue(
                caps.tools() != null ? member.client.listTools() : List.of(),
                caps.resources() != null ? member.client.listResources() : List.of(),
                caps.resources() != null ? member.client.listResourceTemplates() : List.of(),
                caps.prompts() != null ? member.client.listPrompts() : List.of());
    }
}
