package dev.switchboard.mcp; final class Placeholder {}
