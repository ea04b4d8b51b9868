import { useEffect } from 'react'
import { Card, Grid, NumberInput, Select, Stack, TextInput, Title } from '@mantine/core'
import { useForm, type UseFormReturnType } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { SectorKinds, Sectors, type Sector, type SectorKind, type Union, type UnitType } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { UnionPicker } from './union-picker'
import { FormActions } from '../../components/form-actions'
import { StaleRecordAlert } from '../../components/stale-record-alert'

/** What the inputs hold; converted to the contract bodies by `toCreateBody` / `toUpdateBody`. */
export interface UnionFormValues {
  code: string
  name: string
  unitTypeId: string | null
  parentId: string | null
  establishedOn: string | null
  employerName: string
  employerTaxCode: string
  sector: Sector | null
  sectorKind: SectorKind | null
  workersEmployed: number | string
  address: string
  phone: string
  foundingDecisionNumber: string
  foundingDecisionDate: string | null
  foundingIssuerId: string | null
}

export const UNION_FORM_FIELDS: readonly (keyof UnionFormValues)[] = [
  'code', 'name', 'unitTypeId', 'parentId', 'establishedOn', 'employerName', 'employerTaxCode', 'sector', 'sectorKind',
  'workersEmployed', 'address', 'phone', 'foundingDecisionNumber', 'foundingDecisionDate', 'foundingIssuerId',
]

/** Fields that only a grassroots union carries (DOMAIN.md: employer, sector, founding decision). */
export const GRASSROOTS_FIELDS = [
  'employerName', 'employerTaxCode', 'sector', 'sectorKind', 'workersEmployed',
  'foundingDecisionNumber', 'foundingDecisionDate', 'foundingIssuerId',
] as const satisfies readonly (keyof UnionFormValues)[]

export function emptyUnionForm(parentId: string | null): UnionFormValues {
  return {
    code: '', name: '', unitTypeId: null, parentId, establishedOn: null, employerName: '', employerTaxCode: '',
    sector: null, sectorKind: null, workersEmployed: '', address: '', phone: '', foundingDecisionNumber: '',
    foundingDecisionDate: null, foundingIssuerId: null,
  }
}

export function unionToForm(union: Union): UnionFormValues {
  return {
    code: union.code,
    name: union.name,
    unitTypeId: union.unitType.id,
    parentId: union.parentId,
    establishedOn: union.establishedOn,
    employerName: union.employerName ?? '',
    employerTaxCode: union.employerTaxCode ?? '',
    sector: union.sector,
    sectorKind: union.sectorKind,
    workersEmployed: union.workersEmployed ?? '',
    address: union.address ?? '',
    phone: union.phone ?? '',
    foundingDecisionNumber: union.foundingDecisionNumber ?? '',
    foundingDecisionDate: union.foundingDecisionDate,
    foundingIssuerId: union.foundingIssuerId,
  }
}

/** Empty text means "no value": the API stores null rather than an empty string. */
export const textOrNull = (value: string): string | null => value.trim() || null
export const numberOrNull = (value: number | string): number | null =>
  value === '' || value === null ? null : typeof value === 'number' ? value : Number(value)

export function useUnionForm(initialValues: UnionFormValues) {
  return useForm<UnionFormValues>({ initialValues })
}

interface UnionFormProps {
  form: UseFormReturnType<UnionFormValues>
  mode: 'create' | 'edit'
  unitTypes: readonly UnitType[]
  /** For edit: names to show for the current parent and founding issuer before any search. */
  union?: Union
  submitting: boolean
  staleError?: boolean
  onReload?: () => void
  onCancel: () => void
  onSubmit: (values: UnionFormValues) => void
}

export function UnionForm({ form, mode, unitTypes, union, submitting, staleError, onReload, onCancel, onSubmit }: UnionFormProps) {
  const { t, i18n } = useTranslation()
  const unitType = unitTypes.find((type) => type.id === form.values.unitTypeId)
  const isGrassroots = unitType?.isGrassroots ?? false
  const sector = form.values.sector

  // A kind belongs to one sector; drop a kind that no longer fits the chosen sector.
  useEffect(() => {
    const kind = form.values.sectorKind
    if (kind && (!sector || !(SectorKinds[sector] as readonly string[]).includes(kind))) form.setFieldValue('sectorKind', null)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only react to the sector changing
  }, [sector])

  return (
    <form noValidate onSubmit={form.onSubmit(onSubmit)}>
      <Stack>
        {staleError && (
          <StaleRecordAlert title={t('unionForm.staleTitle')} onReload={onReload} />
        )}
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('union.generalSection')}
          </Title>
          <Grid gutter="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label={t('union.fields.code')} required maxLength={32} autoFocus={mode === 'create'} {...form.getInputProps('code')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput label={t('union.fields.name')} required maxLength={255} {...form.getInputProps('name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('union.fields.unitType')}
                placeholder={t('unionForm.selectUnitType')}
                required
                disabled={mode === 'edit'}
                data={unitTypes.map((type) => ({ value: type.id, label: i18n.language === 'en' ? type.nameEn : type.name }))}
                {...form.getInputProps('unitTypeId')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              {mode === 'create' ? (
                <UnionPicker
                  label={t('union.fields.parent')}
                  required
                  nonGrassrootsOnly
                  value={form.values.parentId}
                  onChange={(id) => form.setFieldValue('parentId', id)}
                  error={form.errors.parentId}
                />
              ) : (
                <TextInput label={t('union.fields.parent')} value={union?.parentName ?? ''} disabled readOnly />
              )}
            </Grid.Col>
            {mode === 'create' && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <DateField label={t('union.fields.establishedOn')} {...form.getInputProps('establishedOn')} />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, sm: mode === 'create' ? 6 : 8 }}>
              <TextInput label={t('union.fields.address')} maxLength={500} {...form.getInputProps('address')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: mode === 'create' ? 6 : 4 }}>
              <TextInput label={t('union.fields.phone')} type="tel" maxLength={20} {...form.getInputProps('phone')} />
            </Grid.Col>
          </Grid>
        </Card>

        {isGrassroots && (
          <Card withBorder>
            <Title order={3} size="h5" mb="sm">
              {t('union.grassrootsSection')}
            </Title>
            <Grid gutter="sm">
              <Grid.Col span={{ base: 12, sm: 8 }}>
                <TextInput label={t('union.fields.employerName')} maxLength={255} {...form.getInputProps('employerName')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('union.fields.employerTaxCode')} maxLength={14} inputMode="numeric" {...form.getInputProps('employerTaxCode')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t('union.fields.sector')}
                  placeholder={t('unionForm.selectSector')}
                  clearable
                  data={Sectors.map((value) => ({ value, label: t(`union.sectors.${value}`) }))}
                  {...form.getInputProps('sector')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <Select
                  label={t('union.fields.sectorKind')}
                  placeholder={sector ? t('unionForm.selectSectorKind') : t('unionForm.sectorFirst')}
                  clearable
                  disabled={!sector}
                  data={(sector ? SectorKinds[sector] : []).map((value) => ({ value, label: t(`union.sectorKinds.${value}`) }))}
                  {...form.getInputProps('sectorKind')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 3 }}>
                <NumberInput
                  label={t('union.fields.workersEmployed')}
                  min={0}
                  max={1_000_000}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator="."
                  decimalSeparator=","
                  {...form.getInputProps('workersEmployed')}
                />
              </Grid.Col>
            </Grid>
            <Title order={4} size="h6" mt="md" mb="xs">
              {t('union.foundingSection')}
            </Title>
            <Grid gutter="sm">
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('union.fields.foundingDecisionNumber')} maxLength={60} {...form.getInputProps('foundingDecisionNumber')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <DateField label={t('union.fields.foundingDecisionDate')} {...form.getInputProps('foundingDecisionDate')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <UnionPicker
                  label={t('union.fields.foundingIssuerId')}
                  nonGrassrootsOnly
                  value={form.values.foundingIssuerId}
                  initialLabel={union?.foundingIssuerName ?? null}
                  onChange={(id) => form.setFieldValue('foundingIssuerId', id)}
                  error={form.errors.foundingIssuerId}
                />
              </Grid.Col>
            </Grid>
          </Card>
        )}

        <FormActions onCancel={onCancel} submitting={submitting} />
      </Stack>
    </form>
  )
}
