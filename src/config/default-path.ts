/** Where the rules file is when none is named (its own module: reading it must not load the config's parser). */
export const DEFAULT_CONFIG_PATH = '.github/ai-log-trail.yml'
