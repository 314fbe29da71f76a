package dev.switchboard.cli; final class Placeholder {}
