using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Services.Stores;
using Nop.Web.Framework.Components;

namespace Nop.Web.Areas.Admin.Components;

/// <summary>
/// The admin store-scope switch, as nopCommerce's (hidden when there is only one store)
/// </summary>
public class StoreScopeConfigurationViewComponent : NopViewComponent
{
    private readonly IStoreContext _storeContext;
    private readonly IStoreService _storeService;

    public StoreScopeConfigurationViewComponent(IStoreContext storeContext, IStoreService storeService)
    {
        _storeContext = storeContext;
        _storeService = storeService;
    }

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var stores = await _storeService.GetAllStoresAsync();
        if (stores.Count < 2)
            return Content(string.Empty);

        var model = new StoreScopeConfigurationModel
        {
            StoreId = await _storeContext.GetActiveStoreScopeConfigurationAsync(),
            Stores = stores.Select(store => new KeyValuePair<int, string>(store.Id, store.Name)).ToList()
        };
        return View(model);
    }
}

public record StoreScopeConfigurationModel
{
    public int StoreId { get; set; }
    public List<KeyValuePair<int, string>> Stores { get; set; } = new();
}
