// Tests for this target arrive with its code.
import Testing
