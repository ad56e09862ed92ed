namespace Tarjuma.Core.Model;

/// <summary>
/// The six Tajik Cyrillic letters a Russian keyboard lacks, and the Russian letters typed for
/// them (ҳ→х, ҷ→ч, қ→к, ғ→г, ӣ→и, ӯ→у). Matching folds with it; the segmentation rules spell
/// their Tajik word lists both ways with it.
/// </summary>
public static class TajikLetters
{
    /// <summary>The letter as typed on a Russian keyboard; any other character unchanged.</summary>
    public static char RussianKeyboardForm(char c) => c switch
    {
        'ҳ' => 'х',
        'Ҳ' => 'Х',
        'ҷ' => 'ч',
        'Ҷ' => 'Ч',
        'қ' => 'к',
        'Қ' => 'К',
        'ғ' => 'г',
        'Ғ' => 'Г',
        'ӣ' => 'и',
        'Ӣ' => 'И',
        'ӯ' => 'у',
        'Ӯ' => 'У',
        _ => c,
    };
}
