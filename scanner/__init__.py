"""smsscan: find how a codebase sends SMS and infer its licensing scenario."""

__version__ = "0.1.0"
TOOL_NAME = "smsscan"
INFORMATION_URI = "https://github.com/smsscan/smsscan"
