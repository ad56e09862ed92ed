using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Tarjuma.WebConsole.Tests;

/// <summary>
/// Headless Debian Chromium driven by Selenium through the system chromedriver (no driver download).
/// Locally the browser tests skip when Chromium is missing; on CI (<c>CI=true</c>) that is an error:
/// <c>.ci/run</c> installs <c>chromium</c> and <c>chromium-driver</c>.
/// </summary>
public sealed class Browser : IDisposable
{
    /// <summary>How long a step may take to show its result: a Blazor round trip on a loaded 2-core machine.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("TARJUMA_CHROMIUM") ?? "/usr/bin/chromium";
    private static readonly string DriverPath = Environment.GetEnvironmentVariable("TARJUMA_CHROMEDRIVER") ?? "/usr/bin/chromedriver";

    private Browser(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    /// <summary>Starts Chromium, or skips the test (locally) when it is not installed.</summary>
    public static Browser Start()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            var reason = $"Chromium ({ChromiumPath}) or chromedriver ({DriverPath}) is missing: apt-get install chromium chromium-driver " +
                "(or set TARJUMA_CHROMIUM / TARJUMA_CHROMEDRIVER).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(reason);
            }

            Skip.If(true, reason);
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000", "--lang=en-GB");
        return new Browser(new ChromeDriver(service, options, StepTimeout));
    }

    public void Open(string url) => Driver.Navigate().GoToUrl(url);

    /// <summary>The element once it is there (Blazor renders after its circuit answers).</summary>
    public IWebElement Find(string css) => Until(() => Driver.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed), css);

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    public bool Exists(string css) => Driver.FindElements(By.CssSelector(css)).Count > 0;

    public void Type(string css, string text)
    {
        var input = Find(css);
        input.Clear();
        input.SendKeys(text);
    }

    /// <summary>Sets a text field in one go (Blazor binds on change), for text chromedriver cannot type (non-BMP, long).</summary>
    public void Fill(string css, string text)
    {
        Act(css, input => Driver.ExecuteScript(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", input, text));
    }

    public void Click(string css) => Act(css, element => element.Click());

    public void Select(string css, string value)
    {
        Act(css, select => Driver.ExecuteScript(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", select, value));
    }

    /// <summary>
    /// Does <paramref name="action"/> on the element, again on a fresh one when Blazor replaced it meanwhile
    /// (the previous page's field with the same id, removed as the new page renders).
    /// </summary>
    private void Act(string css, Action<IWebElement> action) => Until(() =>
    {
        try
        {
            action(Find(css));
            return true;
        }
        catch (StaleElementReferenceException)
        {
            return false;
        }
    }, css);

    /// <summary>Polls until <paramref name="probe"/> gives a value; fails naming <paramref name="what"/> after <see cref="StepTimeout"/>.</summary>
    public T Until<T>(Func<T?> probe, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        Exception? last = null;
        while (stopwatch.Elapsed < StepTimeout)
        {
            try
            {
                if (probe() is { } value && (value is not bool flag || flag))
                {
                    return value;
                }
            }
            catch (WebDriverException exception)
            {
                // A stale element while Blazor re-renders: look again.
                last = exception;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"waited {StepTimeout.TotalSeconds:0} s for {what}; the page shows: {Text("main")}", last);
    }

    /// <summary>The visible text of the first element matching <paramref name="css"/>, or "" when there is none.</summary>
    public string Text(string css)
    {
        try
        {
            return Driver.FindElements(By.CssSelector(css)).FirstOrDefault()?.Text ?? "";
        }
        catch (WebDriverException)
        {
            return "";
        }
    }

    /// <summary>Signs in on a fresh page (a new circuit, so signed out).</summary>
    public void SignIn(string consoleAddress, string key)
    {
        Open(consoleAddress);
        // Set in one go: a key typed key by key while the circuit is still starting may lose characters.
        Fill("#api-key", key);
        Click("#sign-in");
        Find("#sign-out");
    }

    public void Screenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Driver.GetScreenshot().SaveAsFile(path);
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
