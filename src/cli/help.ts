export const EXIT_CODES_HELP = `Exit codes:
  0   success (with --detailed-exitcode: no changes)
  1   error: invalid input, refused plan, provider failure
  2   with --detailed-exitcode: success, and there are changes
  64  usage error: unknown command or option, missing argument
  130 interrupted (Ctrl-C)
  143 stopped by SIGTERM (mock serve)`;
