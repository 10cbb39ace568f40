// Demo data: a handful of SAMPLE centres. The seed text names no real centre, so these are
// clearly marked as samples («Пример: …», sample = true, shown with a «пример» mark); they have
// no phone numbers, and their addresses are illustrations, not real offices.
import { sql } from 'kysely';
import type { CentreInput } from '../../../shared/contracts/centres.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import { findUserByEmail } from '../identity/index.ts';
import { anyCentre, firstSampleCentre, setWorkplace } from './centres-repo.ts';
import { saveCentres } from './save-centre.ts';

const weekdays = { open: '09:00', close: '20:00' };
const schedule = { days: { '1': weekdays, '2': weekdays, '3': weekdays, '4': weekdays, '5': weekdays, '6': { open: '10:00', close: '17:00' }, '7': null }, holiday: null };
const services = ['Регистрация и подтверждение учётной записи', 'Восстановление доступа', 'Консультация по услугам'];

const sample = (s: Pick<CentreInput, 'name' | 'address' | 'postcode' | 'region' | 'latitude' | 'longitude'> & { code: string }): CentreInput => ({
  ...s,
  phone: null,
  schedule,
  exceptions: [],
  services,
  sample: true,
});

export const sampleCentres: CentreInput[] = [
  sample({ code: 'sample-msk-1', name: 'Пример: центр обслуживания на Тверской', address: 'г. Москва, ул. Тверская, д. 1 (пример адреса)', postcode: '125009', region: 'Москва', latitude: 55.7577, longitude: 37.6137 }),
  sample({ code: 'sample-msk-2', name: 'Пример: центр обслуживания на Ленинском проспекте', address: 'г. Москва, Ленинский проспект, д. 2 (пример адреса)', postcode: '119049', region: 'Москва', latitude: 55.7266, longitude: 37.6053 }),
  sample({ code: 'sample-spb-1', name: 'Пример: центр обслуживания на Невском проспекте', address: 'г. Санкт-Петербург, Невский проспект, д. 3 (пример адреса)', postcode: '191186', region: 'Санкт-Петербург', latitude: 59.9358, longitude: 30.3256 }),
  sample({ code: 'sample-kzn-1', name: 'Пример: центр обслуживания на улице Баумана', address: 'г. Казань, ул. Баумана, д. 4 (пример адреса)', postcode: '420111', region: 'Республика Татарстан', latitude: 55.7887, longitude: 49.1221 }),
  sample({ code: 'sample-nsk-1', name: 'Пример: центр обслуживания на Красном проспекте', address: 'г. Новосибирск, Красный проспект, д. 5 (пример адреса)', postcode: '630099', region: 'Новосибирская область', latitude: 55.0302, longitude: 82.9204 }),
];

export const demoClerkEmail = 'clerk@example.com';

/** Seeds the samples into an empty directory of centres, once, under a lock; the demo clerk works at the first. */
export async function seedCentres(tx: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('svyaz:seed-centres'))`.execute(tx);
  if (await anyCentre(tx)) return;
  await saveCentres(tx, sampleCentres);
  const clerk = await findUserByEmail(tx, demoClerkEmail);
  const centre = await firstSampleCentre(tx);
  if (clerk && centre) await setWorkplace(tx, clerk.id, centre);
}
