using System.Globalization;

namespace Tarjuma.WebConsole.Text;

/// <summary>
/// Every string of the interface, in a typed resource class (no text in markup): a missing
/// translation is a compile error, not an English word on a Tajik page. Strings with {0} are
/// composite formats, filled with the language's culture.
/// </summary>
public sealed class ConsoleText
{
    /// <summary>BCP 47 tag of the language (the page's lang attribute).</summary>
    public required string Code { get; init; }

    /// <summary>The language's own name, for the language switch.</summary>
    public required string LanguageName { get; init; }

    /// <summary>Dates and numbers are written in this culture.</summary>
    public required CultureInfo Culture { get; init; }

    public required string Actions { get; init; }

    public required string ActivityScanned { get; init; }

    public required string Added { get; init; }

    public required string AddedPerMonth { get; init; }

    public required string AdminOnly { get; init; }

    public required string Administrator { get; init; }

    public required string Analysis { get; init; }

    public required string Analyze { get; init; }

    public required string ApiKey { get; init; }

    public required string Band { get; init; }

    public required string BandsCaption { get; init; }

    public required string BandsChartCaption { get; init; }

    public required string Cancel { get; init; }

    public required string ChangedBy { get; init; }

    public required string Characters { get; init; }

    public required string ChooseMemory { get; init; }

    public required string ChooseMemoryFirst { get; init; }

    public required string Close { get; init; }

    public required string Column { get; init; }

    public required string ConfirmDeleteMemory { get; init; }

    public required string ConfirmDeleteUnit { get; init; }

    public required string ConfirmRevoke { get; init; }

    public required string Contributor { get; init; }

    public required string Create { get; init; }

    public required string CreateKey { get; init; }

    public required string CreateMemory { get; init; }

    public required string Created { get; init; }

    public required string CreatedBy { get; init; }

    public required string Delete { get; init; }

    public required string Description { get; init; }

    public required string DistinctSources { get; init; }

    public required string DocumentFile { get; init; }

    public required string DocumentFileChosen { get; init; }

    public required string DocumentText { get; init; }

    public required string Done { get; init; }

    public required string DownloadCsv { get; init; }

    public required string DownloadReady { get; init; }

    public required string DownloadTmx { get; init; }

    public required string Duplicates { get; init; }

    public required string DuplicatesPartial { get; init; }

    public required string DuplicatesResolved { get; init; }

    public required string DuplicatesSummary { get; init; }

    public required string Export { get; init; }

    public required string FindDuplicates { get; init; }

    public required string Grants { get; init; }

    public required string HitsCaption { get; init; }

    public required string Id { get; init; }

    public required string Import { get; init; }

    public required string ImportExport { get; init; }

    public required string ImportHelp { get; init; }

    public required string ImportInto { get; init; }

    public required string ImportProgress { get; init; }

    public required string ImportSummary { get; init; }

    public required string KeepOnlyThis { get; init; }

    public required string KeyRefused { get; init; }

    public required string KeyRequired { get; init; }

    public required string Keys { get; init; }

    public required string KeysCaption { get; init; }

    public required string Language { get; init; }

    public required string Languages { get; init; }

    public required string LastChange { get; init; }

    public required string Line { get; init; }

    public required string Lookup { get; init; }

    public required string LookupLanguage { get; init; }

    public required string LookupText { get; init; }

    public required string LookupTitle { get; init; }

    public required string Memories { get; init; }

    public required string MemoriesCaption { get; init; }

    public required string Memory { get; init; }

    public required string MemoryActivity { get; init; }

    public required string MinScore { get; init; }

    public required string Name { get; init; }

    public required string Navigation { get; init; }

    public required string NextPage { get; init; }

    public required string NoMatches { get; init; }

    public required string NotCarried { get; init; }

    public required string Note { get; init; }

    public required string Open { get; init; }

    public required string OpenServer { get; init; }

    public required string OpenUnits { get; init; }

    public required string PlaceablesCarried { get; init; }

    public required string PreviousPage { get; init; }

    public required string Read { get; init; }

    public required string ReadOnlyKey { get; init; }

    public required string Reason { get; init; }

    public required string Rejected { get; init; }

    public required string RejectedUnits { get; init; }

    public required string Revoke { get; init; }

    public required string Revoked { get; init; }

    public required string Save { get; init; }

    public required string Search { get; init; }

    public required string SearchFor { get; init; }

    public required string Secret { get; init; }

    public required string SecretOnce { get; init; }

    public required string Segments { get; init; }

    public required string ShowActivity { get; init; }

    public required string Side { get; init; }

    public required string SideBoth { get; init; }

    public required string SideSource { get; init; }

    public required string SideTarget { get; init; }

    public required string SignIn { get; init; }

    public required string SignInHelp { get; init; }

    public required string SignInTitle { get; init; }

    public required string SignOut { get; init; }

    public required string SignedInAs { get; init; }

    public required string SignedOutByServer { get; init; }

    public required string SkipInvalid { get; init; }

    public required string SkipToContent { get; init; }

    public required string Skipped { get; init; }

    public required string Source { get; init; }

    public required string SourceLanguage { get; init; }

    public required string SourceWords { get; init; }

    public required string Statistics { get; init; }

    public required string Suggestion { get; init; }

    public required string Target { get; init; }

    public required string TargetLanguage { get; init; }

    public required string TargetWords { get; init; }

    public required string TmxFiles { get; init; }

    public required string TopContributors { get; init; }

    public required string Total { get; init; }

    public required string UnitCount { get; init; }

    public required string UnitDeleted { get; init; }

    public required string UnitSaved { get; init; }

    public required string UnitTitle { get; init; }

    public required string Units { get; init; }

    public required string UnitsAdded { get; init; }

    public required string UnitsPerMemory { get; init; }

    public required string Unknown { get; init; }

    public required string Updated { get; init; }

    public required string UsageCount { get; init; }

    public required string Words { get; init; }

    public required string YourText { get; init; }

    public required string BandRepetition { get; init; }

    public required string BandNoMatch { get; init; }

    public static ConsoleText English { get; } = new()
    {
        Code = "en",
        LanguageName = "English",
        Culture = CultureInfo.GetCultureInfo("en-GB"),
        Actions = "Actions",
        ActivityScanned = "From {0} units read.",
        Added = "Added",
        AddedPerMonth = "Units added per month",
        AdminOnly = "Only administrator keys manage keys.",
        Administrator = "administrator",
        Analysis = "Analysis",
        Analyze = "Analyse",
        ApiKey = "API key",
        Band = "Band",
        BandsCaption = "Match bands: segments, words and characters",
        BandsChartCaption = "Words per match band",
        Cancel = "Cancel",
        ChangedBy = "Changed by",
        Characters = "Characters",
        ChooseMemory = "(choose a memory)",
        ChooseMemoryFirst = "Choose a memory first.",
        Close = "Close",
        Column = "Column",
        ConfirmDeleteMemory = "Delete the memory \"{0}\" and its {1} units? This cannot be undone.",
        ConfirmDeleteUnit = "Delete unit {0} (\"{1}\")?",
        ConfirmRevoke = "Revoke the key \"{0}\" ({1})? Programs using it stop working at once.",
        Contributor = "Contributor",
        Create = "Create",
        CreateKey = "Create a key",
        CreateMemory = "Create a memory",
        Created = "Created",
        CreatedBy = "Created by",
        Delete = "Delete",
        Description = "Description",
        DistinctSources = "Distinct sources",
        DocumentFile = "Or a file (text or XLIFF)",
        DocumentFileChosen = "File: {0}",
        DocumentText = "Document text",
        Done = "Done",
        DownloadCsv = "Download the table as CSV",
        DownloadReady = "The file is ready: download it",
        DownloadTmx = "Export the memory as TMX",
        Duplicates = "Duplicates (same source, different targets)",
        DuplicatesPartial = "(only part of the memory was read)",
        DuplicatesResolved = "\"{0}\": only unit {1} is kept.",
        DuplicatesSummary = "{0} sources with different targets among {1} units.",
        Export = "Export",
        FindDuplicates = "Find duplicates",
        Grants = "Grants",
        HitsCaption = "{0} hits, page {1}",
        Id = "Id",
        Import = "Import",
        ImportExport = "Import / export",
        ImportHelp = "Choose one or more TMX files; the import starts at once.",
        ImportInto = "Import into memory",
        ImportProgress = "Upload of {0}",
        ImportSummary = "Summary",
        KeepOnlyThis = "Keep only this one",
        KeyRefused = "The server does not accept this key (unknown or revoked).",
        KeyRequired = "Enter an API key.",
        Keys = "Keys",
        KeysCaption = "API keys (secrets are never shown again)",
        Language = "Language",
        Languages = "Languages",
        LastChange = "Last change",
        Line = "Line",
        Lookup = "Look up",
        LookupLanguage = "Language of the text (empty: the memory's source)",
        LookupText = "Sentence to look up",
        LookupTitle = "Lookup playground",
        Memories = "Memories",
        MemoriesCaption = "Translation memories this key may read",
        Memory = "Memory",
        MemoryActivity = "Activity of a memory",
        MinScore = "Lowest score",
        Name = "Name",
        Navigation = "Sections",
        NextPage = "Next page",
        NoMatches = "No match at or above the lowest score.",
        NotCarried = "Not carried over (check by hand):",
        Note = "Note",
        Open = "Open",
        OpenServer = "(server open without keys)",
        OpenUnits = "Units",
        PlaceablesCarried = "marked: values carried over from your text",
        PreviousPage = "Previous page",
        Read = "Read",
        ReadOnlyKey = "This key may only read this memory.",
        Reason = "Reason",
        Rejected = "Rejected",
        RejectedUnits = "Rejected units",
        Revoke = "Revoke",
        Revoked = "Revoked",
        Save = "Save",
        Search = "Search",
        SearchFor = "Word or phrase",
        Secret = "Secret",
        SecretOnce = "Copy this secret now: it is shown once and cannot be read back.",
        Segments = "Segments",
        ShowActivity = "Show activity",
        Side = "Side",
        SideBoth = "Source and target",
        SideSource = "Source",
        SideTarget = "Target",
        SignIn = "Sign in",
        SignInHelp = "Sign in with an API key. The key stays on the server for this tab only; it is never stored in the browser.",
        SignInTitle = "Tarjuma console",
        SignOut = "Sign out",
        SignedInAs = "Signed in as",
        SignedOutByServer = "You were signed out: the server no longer accepts this key.",
        SkipInvalid = "Skip invalid units and list them (else one bad unit stops the import)",
        SkipToContent = "Skip to content",
        Skipped = "Skipped (other languages)",
        Source = "Source",
        SourceLanguage = "Source language",
        SourceWords = "Source words",
        Statistics = "Statistics",
        Suggestion = "Suggestion",
        Target = "Target",
        TargetLanguage = "Target language",
        TargetWords = "Target words",
        TmxFiles = "TMX files",
        TopContributors = "Top contributors",
        Total = "Total",
        UnitCount = "Units",
        UnitDeleted = "Unit {0} deleted.",
        UnitSaved = "Unit {0} saved.",
        UnitTitle = "Unit {0}",
        Units = "Units",
        UnitsAdded = "Units added",
        UnitsPerMemory = "Units per memory",
        Unknown = "(unknown)",
        Updated = "Updated",
        UsageCount = "Used",
        Words = "Words",
        YourText = "Your text",
        BandRepetition = "Repetitions",
        BandNoMatch = "No match",
    };

    public static ConsoleText Tajik { get; } = new()
    {
        Code = "tg",
        LanguageName = "Тоҷикӣ",
        Culture = TajikCulture(),
        Actions = "Амалҳо",
        ActivityScanned = "Аз {0} воҳиди хондашуда.",
        Added = "Илова шуд",
        AddedPerMonth = "Воҳидҳои иловашуда дар як моҳ",
        AdminOnly = "Калидҳоро танҳо калидҳои маъмур идора мекунанд.",
        Administrator = "маъмур",
        Analysis = "Таҳлил",
        Analyze = "Таҳлил кардан",
        ApiKey = "Калиди API",
        Band = "Гурӯҳ",
        BandsCaption = "Гурӯҳҳои мувофиқат: сегментҳо, калимаҳо ва аломатҳо",
        BandsChartCaption = "Калимаҳо аз рӯи гурӯҳи мувофиқат",
        Cancel = "Бекор кардан",
        ChangedBy = "Тағйир дод",
        Characters = "Аломатҳо",
        ChooseMemory = "(хотираро интихоб кунед)",
        ChooseMemoryFirst = "Аввал хотираро интихоб кунед.",
        Close = "Пӯшидан",
        Column = "Сутун",
        ConfirmDeleteMemory = "Хотираи «{0}» ва {1} воҳиди онро нест кунем? Инро баргардонидан мумкин нест.",
        ConfirmDeleteUnit = "Воҳиди {0} («{1}»)-ро нест кунем?",
        ConfirmRevoke = "Калиди «{0}» ({1})-ро бекор кунем? Барномаҳое, ки онро истифода мебаранд, фавран аз кор мемонанд.",
        Contributor = "Иштирокчӣ",
        Create = "Сохтан",
        CreateKey = "Сохтани калид",
        CreateMemory = "Сохтани хотира",
        Created = "Сохта шуд",
        CreatedBy = "Сохт",
        Delete = "Нест кардан",
        Description = "Тавсиф",
        DistinctSources = "Манбаъҳои гуногун",
        DocumentFile = "Ё файл (матн ё XLIFF)",
        DocumentFileChosen = "Файл: {0}",
        DocumentText = "Матни ҳуҷҷат",
        Done = "Тайёр",
        DownloadCsv = "Боргирии ҷадвал ҳамчун CSV",
        DownloadReady = "Файл тайёр аст: боргирӣ кунед",
        DownloadTmx = "Содир кардани хотира ҳамчун TMX",
        Duplicates = "Такрорҳо (манбаи якхела, тарҷумаҳои гуногун)",
        DuplicatesPartial = "(танҳо қисми хотира хонда шуд)",
        DuplicatesResolved = "«{0}»: танҳо воҳиди {1} нигоҳ дошта шуд.",
        DuplicatesSummary = "{0} манбаъ бо тарҷумаҳои гуногун дар байни {1} воҳид.",
        Export = "Содирот",
        FindDuplicates = "Ёфтани такрорҳо",
        Grants = "Иҷозатҳо",
        HitsCaption = "{0} натиҷа, саҳифаи {1}",
        Id = "Рақам",
        Import = "Воридот",
        ImportExport = "Воридот / содирот",
        ImportHelp = "Як ё якчанд файли TMX-ро интихоб кунед; воридот фавран оғоз мешавад.",
        ImportInto = "Ворид кардан ба хотира",
        ImportProgress = "Боргузории {0}",
        ImportSummary = "Хулоса",
        KeepOnlyThis = "Танҳо инро нигоҳ доштан",
        KeyRefused = "Сервер ин калидро қабул намекунад (номаълум ё бекоршуда).",
        KeyRequired = "Калиди API-ро ворид кунед.",
        Keys = "Калидҳо",
        KeysCaption = "Калидҳои API (рамзҳо дигар нишон дода намешаванд)",
        Language = "Забон",
        Languages = "Забонҳо",
        LastChange = "Тағйири охирин",
        Line = "Сатр",
        Lookup = "Ҷустуҷӯ",
        LookupLanguage = "Забони матн (холӣ: забони манбаи хотира)",
        LookupText = "Ҷумла барои ҷустуҷӯ",
        LookupTitle = "Майдони санҷиши ҷустуҷӯ",
        Memories = "Хотираҳо",
        MemoriesCaption = "Хотираҳои тарҷумае, ки ин калид хонда метавонад",
        Memory = "Хотира",
        MemoryActivity = "Фаъолияти хотира",
        MinScore = "Баҳои камтарин",
        Name = "Ном",
        Navigation = "Бахшҳо",
        NextPage = "Саҳифаи навбатӣ",
        NoMatches = "Мувофиқате бо баҳои камтарин ё болотар нест.",
        NotCarried = "Интиқол нашуд (дастӣ санҷед):",
        Note = "Эзоҳ",
        Open = "Кушодан",
        OpenServer = "(сервер бе калидҳо кушода аст)",
        OpenUnits = "Воҳидҳо",
        PlaceablesCarried = "ишорашуда: қиматҳое, ки аз матни шумо интиқол ёфтанд",
        PreviousPage = "Саҳифаи қаблӣ",
        Read = "Хонда шуд",
        ReadOnlyKey = "Ин калид ин хотираро танҳо хонда метавонад.",
        Reason = "Сабаб",
        Rejected = "Рад шуд",
        RejectedUnits = "Воҳидҳои радшуда",
        Revoke = "Бекор кардан",
        Revoked = "Бекор шуд",
        Save = "Нигоҳ доштан",
        Search = "Ҷустуҷӯ",
        SearchFor = "Калима ё ибора",
        Secret = "Рамз",
        SecretOnce = "Ин рамзро ҳозир нусхабардорӣ кунед: он як бор нишон дода мешавад ва дигар хонда намешавад.",
        Segments = "Сегментҳо",
        ShowActivity = "Нишон додани фаъолият",
        Side = "Тараф",
        SideBoth = "Манбаъ ва тарҷума",
        SideSource = "Манбаъ",
        SideTarget = "Тарҷума",
        SignIn = "Ворид шудан",
        SignInHelp = "Бо калиди API ворид шавед. Калид танҳо барои ин варақа дар сервер мемонад; он ҳеҷ гоҳ дар браузер нигоҳ дошта намешавад.",
        SignInTitle = "Консоли Tarjuma",
        SignOut = "Баромадан",
        SignedInAs = "Воридшуда ҳамчун",
        SignedOutByServer = "Шумо берун карда шудед: сервер дигар ин калидро қабул намекунад.",
        SkipInvalid = "Воҳидҳои нодурустро гузаронида, рӯйхат кунед (вагарна як воҳиди бад воридотро қатъ мекунад)",
        SkipToContent = "Гузариш ба мундариҷа",
        Skipped = "Гузаронида шуд (забонҳои дигар)",
        Source = "Манбаъ",
        SourceLanguage = "Забони манбаъ",
        SourceWords = "Калимаҳои манбаъ",
        Statistics = "Омор",
        Suggestion = "Пешниҳод",
        Target = "Тарҷума",
        TargetLanguage = "Забони тарҷума",
        TargetWords = "Калимаҳои тарҷума",
        TmxFiles = "Файлҳои TMX",
        TopContributors = "Иштирокчиёни фаъолтарин",
        Total = "Ҳамагӣ",
        UnitCount = "Воҳидҳо",
        UnitDeleted = "Воҳиди {0} нест карда шуд.",
        UnitSaved = "Воҳиди {0} нигоҳ дошта шуд.",
        UnitTitle = "Воҳиди {0}",
        Units = "Воҳидҳо",
        UnitsAdded = "Воҳидҳои иловашуда",
        UnitsPerMemory = "Воҳидҳо дар ҳар хотира",
        Unknown = "(номаълум)",
        Updated = "Навсозӣ шуд",
        UsageCount = "Истифода шуд",
        Words = "Калимаҳо",
        YourText = "Матни шумо",
        BandRepetition = "Такрорҳо",
        BandNoMatch = "Бе мувофиқат",
    };

    public static IReadOnlyList<ConsoleText> All { get; } = [English, Tajik];

    /// <summary>The name of an analysis band as the API gives it ("repetition", "95-99", "no-match").</summary>
    public string BandName(string band) => band switch
    {
        "repetition" => BandRepetition,
        "no-match" => BandNoMatch,
        _ => band.Replace("-", "–", StringComparison.Ordinal) + (band.Any(char.IsDigit) ? " %" : ""),
    };

    /// <summary>tg-TJ from ICU; the invariant culture where ICU is missing (globalization-invariant mode).</summary>
    private static CultureInfo TajikCulture()
    {
        try
        {
            return CultureInfo.GetCultureInfo("tg-TJ");
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
