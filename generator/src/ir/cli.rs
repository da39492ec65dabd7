//! The IR of the command line generated beside the SDK.

/// The command line generated beside the SDK: every command and flag name decided, the
/// collisions resolved (filled by the `cli` lowering pass; emit only prints it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cli {
    /// The binary's name (the crate's).
    pub bin_name: String,
    /// Variables the API key is also read from, in order, after `<PREFIX>_API_KEY`
    /// (`x-sdk: {cli: {env-aliases}}`).
    pub env_aliases: Vec<String>,
    /// Wire names of the fields typed as secrets, redacted in `--debug` bodies.
    pub secret_fields: Vec<String>,
    /// Commands of the root resource: `<bin> <command>`.
    pub commands: Vec<CliCommand>,
    /// One group per resource with operations: `<bin> <group> <command>`.
    pub groups: Vec<CliGroup>,
}

/// The commands of one resource.
#[derive(Debug, Clone, PartialEq)]
pub struct CliGroup {
    /// The resource's path in kebab-case joined by `:` (`admin:api-keys`).
    pub name: String,
    /// Index in [`Api::resources`](super::Api::resources).
    pub resource: usize,
    /// The first sentence of the resource's description.
    pub about: String,
    /// The whole description.
    pub long_about: String,
    pub commands: Vec<CliCommand>,
}

/// One operation as a command.
#[derive(Debug, Clone, PartialEq)]
pub struct CliCommand {
    /// The SDK method in kebab-case (`retrieve-spending-limit`).
    pub name: String,
    /// Index in [`Api::operations`](super::Api::operations).
    pub operation: usize,
    /// One line: the summary (else the description's first sentence, else method and path).
    pub about: String,
    /// Summary, description, method and path.
    pub long_about: String,
    pub flags: Vec<CliFlag>,
    pub body: CliBody,
    /// Constant fields of nested body objects (path from the body, value), filled in when
    /// their object is given without them.
    pub constants: Vec<(Vec<String>, serde_json::Value)>,
    /// Wire names of the body's own constant fields, which the SDK sets.
    pub ignored: Vec<String>,
    /// For each builder input (the order of [`Operation::inputs`](super::Operation::inputs)): where its value is.
    pub takes: Vec<CliTake>,
    pub output: CliOutput,
    /// Whether the response holds a secret the command exists to show (a new API key), so
    /// it is printed unredacted.
    pub reveal: bool,
}

/// One flag of a command.
#[derive(Debug, Clone, PartialEq)]
pub struct CliFlag {
    /// Kebab-case of the wire name; `parent.child` below an object.
    pub name: String,
    pub help: String,
    pub kind: CliKind,
    pub target: CliTarget,
    /// Given once per item of a list.
    pub repeat: bool,
    /// Stands for a required input.
    pub required: bool,
    /// Also the command's positional argument (the last path parameter).
    pub positional: bool,
    /// An enum's values.
    pub values: Vec<String>,
}

/// How a flag's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliKind {
    String,
    Integer,
    Number,
    Boolean,
    DateTime,
    Date,
    /// JSON or YAML text (objects, unions, free-form values).
    Json,
    /// A file's bytes.
    File,
    /// A switch sending an explicit `null`.
    Null,
}

/// Where a flag's value goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliTarget {
    /// A parameter, kept under the flag's name.
    Param,
    /// A place in the body object, by wire names from the top.
    Field(Vec<String>),
}

/// What `--body` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliBody {
    None,
    /// An object of fields that also have flags.
    Fields,
    /// The whole body as JSON or YAML.
    Json,
    Text,
    Bytes,
}

/// Where a builder input's value is taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliTake {
    Param(String),
    /// A top-level body field, by wire name.
    Field(String),
    Body,
}

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliOutput {
    /// A value in the chosen format.
    Value,
    /// Every item of every page.
    Paged,
    Text,
    Bytes,
    Empty,
}
