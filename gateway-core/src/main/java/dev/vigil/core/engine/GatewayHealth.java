package dev.vigil.core.engine;

// STUB (osgi branch only) until the engine helper's GatewayHealth lands in main; replaced on merge.
public record GatewayHealth() {
}
