namespace Nop.Plugin.Payments.Kma.Services.QrCode;

/// <summary>
/// The four penalty rules that decide which data mask makes a symbol easiest to scan (ISO/IEC 18004, 7.8.3)
/// </summary>
internal static class QrMaskPenalty
{
    #region Fields

    private const int RunPenalty = 3;
    private const int BlockPenalty = 3;
    private const int FinderLikePenalty = 40;
    private const int BalancePenalty = 10;

    #endregion

    #region Utilities

    /// <summary>
    /// A module of a row (alongRow) or of a column, so one loop scores both directions
    /// </summary>
    private static bool Get(bool[,] modules, int line, int index, bool alongRow)
    {
        return alongRow ? modules[line, index] : modules[index, line];
    }

    #endregion

    #region Methods

    /// <summary>
    /// Rule 1: five or more same-coloured modules in a row cost 3, plus 1 for each module beyond five
    /// </summary>
    public static int ScoreRuns(bool[,] modules)
    {
        var size = modules.GetLength(0);
        var score = 0;
        for (var line = 0; line < size; line++)
        {
            for (var horizontal = 0; horizontal < 2; horizontal++)
            {
                var run = 1;
                for (var i = 1; i <= size; i++)
                {
                    var same = i < size && Get(modules, line, i, horizontal == 0) == Get(modules, line, i - 1, horizontal == 0);
                    if (same)
                    {
                        run++;
                        continue;
                    }

                    if (run >= 5)
                        score += RunPenalty + run - 5;
                    run = 1;
                }
            }
        }

        return score;
    }

    /// <summary>
    /// Rule 2: every 2x2 block of one colour costs 3 (overlapping blocks all count)
    /// </summary>
    public static int ScoreBlocks(bool[,] modules)
    {
        var size = modules.GetLength(0);
        var score = 0;
        for (var row = 0; row < size - 1; row++)
        {
            for (var column = 0; column < size - 1; column++)
            {
                var colour = modules[row, column];
                if (modules[row, column + 1] == colour && modules[row + 1, column] == colour && modules[row + 1, column + 1] == colour)
                    score += BlockPenalty;
            }
        }

        return score;
    }

    /// <summary>
    /// Rule 3: each dark-light-dark-dark-dark-light-dark run with four light modules on either side looks like a finder and costs 40
    /// </summary>
    public static int ScoreFinderLikePatterns(bool[,] modules)
    {
        // The last 11 modules of a line as bits (dark = 1): 1011101 then 0000, or 0000 then 1011101.
        const int finderThenLight = 0b101_1101_0000;
        const int lightThenFinder = 0b000_0101_1101;
        const int windowMask = 0b111_1111_1111;

        var size = modules.GetLength(0);
        var score = 0;
        for (var line = 0; line < size; line++)
        {
            for (var horizontal = 0; horizontal < 2; horizontal++)
            {
                var window = 0;
                for (var i = 0; i < size; i++)
                {
                    window = ((window << 1) | (Get(modules, line, i, horizontal == 0) ? 1 : 0)) & windowMask;
                    if (i >= 10 && (window == finderThenLight || window == lightThenFinder))
                        score += FinderLikePenalty;
                }
            }
        }

        return score;
    }

    /// <summary>
    /// Rule 4: 10 points for every full 5% the share of dark modules is away from 50%
    /// </summary>
    public static int ScoreBalance(bool[,] modules)
    {
        var dark = 0;
        foreach (var module in modules)
        {
            if (module)
                dark++;
        }

        var total = modules.Length;
        var stepsAway = Math.Abs(dark * 20 - total * 10) / total;
        return stepsAway * BalancePenalty;
    }

    /// <summary>
    /// The total penalty of a masked matrix
    /// </summary>
    public static int Compute(bool[,] modules)
    {
        return ScoreRuns(modules) + ScoreBlocks(modules) + ScoreFinderLikePatterns(modules) + ScoreBalance(modules);
    }

    #endregion
}
