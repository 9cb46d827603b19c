namespace KbGen.Diagnostics;

public static partial class DiagnosticCodes
{
    // KB1xxx: files and YAML syntax
    public static readonly DiagnosticDescriptor YamlSyntax = E("KB1001", "YAML syntax error", "title: \"unclosed quote");
    public static readonly DiagnosticDescriptor TabIndentation = E("KB1002", "Tab used for indentation", "a line indented with a tab character");
    public static readonly DiagnosticDescriptor DuplicateKey = E("KB1003", "Duplicate key in a mapping", "title: given twice in one topic");
    public static readonly DiagnosticDescriptor AnchorOrAlias = E("KB1004", "YAML anchors and aliases are not allowed", "items: *shared");
    public static readonly DiagnosticDescriptor NestingTooDeep = E("KB1005", "Nesting deeper than the limit", "[[[[ ... 10,000 levels ... ]]]]");
    public static readonly DiagnosticDescriptor InvalidUtf8 = E("KB1006", "File is not valid UTF-8", "a Latin-1 byte 0xE9 in a topic file");
    public static readonly DiagnosticDescriptor EmptyFile = E("KB1007", "File is empty", "a topics/x.yaml with no content");
    public static readonly DiagnosticDescriptor CannotRead = E("KB1008", "File cannot be read", "topics/x.yaml is a directory or a dangling symlink");
    public static readonly DiagnosticDescriptor FileTooLarge = E("KB1009", "File larger than the limit", "a 50 MB topic file");
    public static readonly DiagnosticDescriptor MissingContent = E("KB1010", "Content folder or kb.yaml missing", "--content points to an empty folder");
    public static readonly DiagnosticDescriptor OutsideContent = E("KB1011", "Path leaves the content folder", "logo: ../../etc/passwd");
    public static readonly DiagnosticDescriptor MultipleDocuments = E("KB1012", "More than one YAML document in a file", "a topic file with a second '---' document");

    // KB2xxx: schema
    public static readonly DiagnosticDescriptor UnknownKey = E("KB2001", "Unknown key", "titel: ... (did you mean 'title'?)");
    public static readonly DiagnosticDescriptor MissingKey = E("KB2002", "Missing required key", "a topic without 'question'");
    public static readonly DiagnosticDescriptor WrongType = E("KB2003", "Value has the wrong type", "tags: spine (a list was expected)");
    public static readonly DiagnosticDescriptor InvalidValue = E("KB2004", "Value is not one of the allowed values", "status: aproved");
    public static readonly DiagnosticDescriptor InvalidDate = E("KB2005", "Not a valid YYYY-MM-DD date", "updated: 2025-02-30");
    public static readonly DiagnosticDescriptor IdMismatch = E("KB2006", "Id differs from its file name", "id: foo in topics/bar.yaml");
    public static readonly DiagnosticDescriptor InvalidId = E("KB2007", "Id is not lower-case words joined by hyphens", "id: Lumbar_Fracture");
    public static readonly DiagnosticDescriptor DuplicateId = E("KB2008", "Duplicate id", "two algorithm nodes with id: nsaids");
    public static readonly DiagnosticDescriptor RawHtml = E("KB2009", "Raw HTML is not allowed in content", "text: <script>alert(1)</script>");
    public static readonly DiagnosticDescriptor UnsafeLink = E("KB2010", "Link scheme not allowed (only http, https, mailto)", "[x](javascript:alert(1))");
    public static readonly DiagnosticDescriptor InvalidNumber = E("KB2011", "Not a valid number", "year: twenty");
    public static readonly DiagnosticDescriptor BadFrontMatter = E("KB2012", "Page front matter missing or invalid", "a pages/x.md without '---' front matter");
    public static readonly DiagnosticDescriptor MissingPage = E("KB2013", "Page named in kb.yaml does not exist", "pages: [editorial-policy] with no pages/editorial-policy.md");
    public static readonly DiagnosticDescriptor InvalidUrl = E("KB2014", "Not a valid absolute http(s) URL", "base-url: kb.example.org");
    public static readonly DiagnosticDescriptor BadImage = E("KB2015", "Image is missing, not a PNG or JPEG, or too large", "logo: notes.txt");
    public static readonly DiagnosticDescriptor MissingFont = E("KB2016", "Font file not found or not a font", "fonts: { regular: missing.ttf }");
    public static readonly DiagnosticDescriptor ControlCharacter = E("KB2017", "Invisible control or bidi override character in text", "title containing U+202E");

    // KB3xxx: references and citations
    public static readonly DiagnosticDescriptor UnknownReference = E("KB3001", "Citation to a reference that does not exist", "[@no-such-ref]");
    public static readonly DiagnosticDescriptor UncitedReference = W("KB3002", "Reference is not cited by any topic", "references/orphan.yaml cited nowhere");
    public static readonly DiagnosticDescriptor UncitedClaim = E("KB3003", "Clinician claim has no citation", "- text: NSAIDs help (no [@...])");
    public static readonly DiagnosticDescriptor MissingJournal = E("KB3004", "Reference of this type needs a journal", "type: rct without journal");
    public static readonly DiagnosticDescriptor BadDoi = E("KB3005", "Malformed DOI", "doi: 10.1007");
    public static readonly DiagnosticDescriptor BadPmid = E("KB3006", "Malformed PMID (digits only)", "pmid: PMID123");
    public static readonly DiagnosticDescriptor CitedOnlyByDraft = W("KB3007", "Reference is cited only by draft topics", "a reference whose only citing topic has status: draft");
    public static readonly DiagnosticDescriptor MalformedCitation = E("KB3008", "Malformed citation", "[@] or [@Bad Id]");
    public static readonly DiagnosticDescriptor AuthorsOrOrganization = E("KB3009", "Reference needs authors or an organization", "a reference with neither");

    // KB4xxx: review and dates
    public static readonly DiagnosticDescriptor IllegalTransition = E("KB4001", "Review history is not a legal sequence of states", "approved directly after draft");
    public static readonly DiagnosticDescriptor FutureDate = E("KB4002", "Date is in the future", "updated: 2099-01-01");
    public static readonly DiagnosticDescriptor DatesOutOfOrder = E("KB4003", "Dates out of order", "a history step dated before the previous one");
    public static readonly DiagnosticDescriptor StatusMismatch = E("KB4004", "review.status differs from the last history step", "status: approved, last step under-review");
    public static readonly DiagnosticDescriptor ReviewDue = W("KB4005", "Topic is past its review interval", "last approved 2023-01-01 with a 12-month interval");

    // KB5xxx: algorithm
    public static readonly DiagnosticDescriptor UnknownNode = E("KB5001", "Algorithm points to a node that does not exist", "next: no-such-node");
    public static readonly DiagnosticDescriptor UnreachableNode = E("KB5002", "Algorithm node cannot be reached from start", "a node no edge leads to");
    public static readonly DiagnosticDescriptor TooFewBranches = E("KB5003", "Decision has fewer than two branches", "kind: decision with one branch");
    public static readonly DiagnosticDescriptor UnknownPhase = E("KB5004", "Node names a phase that is not listed", "phase: chronic when phases lack it");
    public static readonly DiagnosticDescriptor BadNodeShape = E("KB5005", "Node's edges do not fit its kind", "an end node with next, a step without next");

    // KB6xxx: writing quality
    public static readonly DiagnosticDescriptor ReadingLevel = W("KB6001", "Patient text above grade 8 reading level", "long sentences of long words in patient:");
    public static readonly DiagnosticDescriptor NeedsContent = W("KB6002", "Topic still needs content", "a skeleton written by kbgen new topic");

    // KB7xxx: archive
    public static readonly DiagnosticDescriptor ArchiveHashMismatch = E("KB7001", "Archived revision does not match its hash", "a byte of archive/x/v1.yaml edited by hand");
    public static readonly DiagnosticDescriptor ArchiveMalformed = E("KB7002", "Archived revision is malformed", "archive/x/v2.yaml whose version says 3");
}
