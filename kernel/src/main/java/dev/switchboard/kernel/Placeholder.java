package dev.switchboard.kernel; final class Placeholder {}
