/** A tiny inventory model used to try Claude Assistant. */
export interface Item {
	sku: string;
	name: string;
	quantity: number;
	unitPriceCents: number;
}

export class Inventory {
	private readonly items = new Map<string, Item>();

	add(item: Item): void {
		const existing = this.items.get(item.sku);
		if (existing) {
			existing.quantity += item.quantity;
			return;
		}
		this.items.set(item.sku, { ...item });
	}

	remove(sku: string, quantity: number): boolean {
		const item = this.items.get(sku);
		if (!item || item.quantity < quantity) {
			return false;
		}
		item.quantity -= quantity;
		if (item.quantity === 0) {
			this.items.delete(sku);
		}
		return true;
	}

	/** Total value in cents, rounded down per line to whole cents. */
	totalValueCents(): number {
		let total = 0;
		for (const item of this.items.values()) {
			total += Math.floor(item.quantity * item.unitPriceCents);
		}
		return total;
	}

	lowStock(threshold = 5): Item[] {
		return [...this.items.values()].filter((i) => i.quantity <= threshold).sort((a, b) => a.quantity - b.quantity);
	}
}
