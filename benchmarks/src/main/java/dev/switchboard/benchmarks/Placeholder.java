package dev.switchboard.benchmarks; final class Placeholder {}
